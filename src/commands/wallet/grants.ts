import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { tablePrecisions } from '../asset-precisions.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { grantColumns } from './ledger-columns.js';

export function registerWalletGrants(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('grants')
      .summary("List an account's credit grants: amount, remaining, purpose, expiry (local engine)")
      .argument('<customer>', 'Credyt id (cust_…) or your external id')
      .argument('<account-id>', 'account id, e.g. default:USD')
      .addHelpText(
        'after',
        `
Debits draw grants down in a fixed order: promotion before bundled before paid; within a
purpose the earliest expiry first (none last), then the oldest. What a grant has left at
its expiry moves to the platform's breakage account (see docs/ledger.md): an expired grant
shows REMAINING 0 and that amount under EXPIRED (expired_amount, a local extension), so
the remaining of all grants, less any overdraft, is the account's available balance.

Examples:
  credyt wallet grants acme default:USD
  credyt wallet grants acme default:TOK -o json`,
      ),
  ).action(action(ctx, runWalletGrants));
}

export async function runWalletGrants(rt: Runtime, opts: PageOptions, ref: string, accountId: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const list = await fetchList(rt, opts, (page) => client.listGrants(id, accountId, page));
  const precision = await tablePrecisions(rt.output, client, list.items.map((g) => g.asset));
  printListing(rt.output, list, { columns: grantColumns(precision), id: (g) => g.id, noun: 'grants' });
}
