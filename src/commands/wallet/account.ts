import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printAccounts } from './get.js';

export function registerWalletAccount(parent: Command, ctx: Context, run = runWalletAccount): void {
  parent
    .command('account')
    .summary('Show one account of a wallet')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .argument('<account-id>', 'account id, e.g. default:TOK (asset case does not matter)')
    .addHelpText('after', '\nExamples:\n  credyt wallet account acme default:TOK\n  credyt wallet account acme default:usd -o json')
    .action(action(ctx, run));
}

export async function runWalletAccount(rt: Runtime, _opts: object, ref: string, accountId: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const account = await client.getAccount(id, accountId);
  await printAccounts(client, rt.output, [account], account);
}
