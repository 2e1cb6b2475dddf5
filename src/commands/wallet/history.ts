import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { isoTimeArg } from '../parse.js';
import { printListing } from '../../render/records.js';
import { tablePrecisions } from '../asset-precisions.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { transactionColumns } from './ledger-columns.js';

export interface WalletHistoryOptions extends PageOptions {
  account?: string;
  type?: string;
  since?: string;
  until?: string;
}

export function registerWalletHistory(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('history')
      .summary("List a wallet's transactions from the journal, newest first (local engine)")
      .argument('<customer>', 'Credyt id (cust_…) or your external id')
      .option('--account <account-id>', 'only this account, e.g. default:USD')
      .option('--type <type>', 'only this kind: adjustment, top_up_completed, usage_fees, hold_captured, grant_expired, …')
      .option('--since <iso>', 'only transactions at or after this time', isoTimeArg)
      .option('--until <iso>', 'only transactions before this time', isoTimeArg)
      .addHelpText(
        'after',
        `
Each line is one journal entry on one account: the signed change of available (AMOUNT), of
pending_in and pending_out, and available right after it (BALANCE). Lines are newest first,
so each BALANCE equals the next line's BALANCE plus this line's AMOUNT: with -o csv --all
it is a statement to reconcile. Fees name their event id as REFERENCE; holds their hold_id.

Examples:
  credyt wallet history acme
  credyt wallet history acme --account default:USD --since 2026-11-01T00:00:00Z -o csv --all > statement.csv`,
      ),
  ).action(action(ctx, runWalletHistory));
}

export async function runWalletHistory(rt: Runtime, opts: WalletHistoryOptions, ref: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const list = await fetchList(rt, opts, (page) =>
    client.listTransactions(id, { account: opts.account, type: opts.type, from: opts.since, to: opts.until, ...page }),
  );
  const precision = await tablePrecisions(rt.output, client, list.items.map((t) => t.asset));
  printListing(rt.output, list, { columns: transactionColumns(precision), id: (t) => t.id, noun: 'transactions' });
}
