import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { CredytClient } from '../../client/client.js';
import type { WalletAccount } from '../../client/types.js';
import type { Output } from '../../render/output.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';
import { accountColumns } from '../../render/customers.js';
import { tablePrecisions } from '../asset-precisions.js';
import { ApiError, ExitCode } from '../../errors.js';

export function registerWalletGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary("Show every account of a customer's wallet")
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .addHelpText(
      'after',
      `
Examples:
  credyt wallet get acme
  credyt wallet get acme -o json
  credyt wallet get acme -o tsv | cut -f1,3`,
    )
    .action(action(ctx, runWalletGet));
}

/** Prints accounts; a table shows each amount at its asset's precision. */
export async function printAccounts(
  client: CredytClient,
  out: Output,
  accounts: WalletAccount[],
  json: unknown,
): Promise<void> {
  const columns = accountColumns(await tablePrecisions(out, client, accounts.map((a) => a.asset)));
  printRecords(out, { columns, rows: accounts, json, id: (a) => a.id });
}

export async function runWalletGet(rt: Runtime, _opts: object, ref: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const wallet = await client.getWallet(id);
  // A bare array of accounts is read as the list; an object without one cannot be shown.
  const accounts = Array.isArray(wallet) ? (wallet as WalletAccount[]) : wallet.accounts;
  if (!Array.isArray(accounts)) throw new ApiError('The wallet in the answer has no "accounts" list', ExitCode.Server, 200, undefined);
  await printAccounts(client, rt.output, accounts, wallet);
}
