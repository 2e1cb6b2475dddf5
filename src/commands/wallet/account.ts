import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printAccounts } from './get.js';
import type { CredytClient } from '../../client/client.js';
import type { WalletAccount } from '../../client/types.js';
import { ApiError } from '../../errors.js';

export function registerWalletAccount(parent: Command, ctx: Context): void {
  parent
    .command('account')
    .summary('Show one account of a wallet')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .argument('<account-id>', 'account id, e.g. default:TOK (asset case does not matter)')
    .addHelpText('after', '\nExamples:\n  credyt wallet account acme default:TOK\n  credyt wallet account acme default:usd -o json')
    .action(action(ctx, runWalletAccount));
}

export async function runWalletAccount(rt: Runtime, _opts: object, ref: string, accountId: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const account = await accountAnyCase(client, id, accountId);
  await printAccounts(client, rt.output, [account], account);
}

/**
 * The account as asked; on a 404, the wallet's account whose id matches ignoring case.
 * Credyt's own examples name accounts `default:usd` and `default:USD` alike, and a server
 * may match its ids exactly, so `default:usd` must still find `default:USD` (and back).
 */
async function accountAnyCase(client: CredytClient, customerId: string, accountId: string): Promise<WalletAccount> {
  try {
    return await client.getAccount(customerId, accountId);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const wallet = await client.getWallet(customerId).catch(() => undefined);
    const wanted = accountId.toLowerCase();
    const match = wallet?.accounts?.find((a) => typeof a.id === 'string' && a.id.toLowerCase() === wanted);
    if (!match || match.id === accountId) throw error;
    // The single-account read carries more (pending_in/out) than the wallet's list.
    return client.getAccount(customerId, match.id).catch(() => match);
  }
}
