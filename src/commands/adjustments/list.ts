import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { isoTimeArg } from '../parse.js';
import { printListing } from '../../render/records.js';
import { tablePrecisions } from '../asset-precisions.js';
import { adjustmentListColumns } from '../../render/reconciliation.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export interface AdjustmentsListOptions extends PageOptions {
  customer?: string;
  reason?: string;
  since?: string;
  until?: string;
}

export function registerAdjustmentsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List adjustments (top-ups, refunds, charges), newest first (local engine)')
      .description(
        'List wallet adjustments, newest first: platform top-ups, gifts, refunds, charges. A local ' +
          'extension: `credyt local serve` and the embedded engine answer it (GET /adjustments); ' +
          'Credyt publishes no such list.',
      )
      .option('--customer <customer>', 'only this customer (id or external id)')
      .option('--reason <reason>', 'only this reason, e.g. external_topup, gift, external_refund')
      .option('--since <iso>', 'only adjustments made at or after this time', isoTimeArg)
      .option('--until <iso>', 'only adjustments made before this time', isoTimeArg)
      .addHelpText(
        'after',
        '\nExamples:\n  credyt adjustments list --customer acme\n  credyt adjustments list --reason external_topup --since 2026-11-01T00:00:00Z --all -o csv',
      ),
  ).action(action(ctx, runAdjustmentsList));
}

export async function runAdjustmentsList(rt: Runtime, opts: AdjustmentsListOptions): Promise<void> {
  const client = await rt.client();
  const customerId = opts.customer ? await client.resolveCustomer(opts.customer) : undefined;
  const list = await fetchList(rt, opts, (page) =>
    client.listAdjustments({ customer_id: customerId, reason: opts.reason, from: opts.since, to: opts.until, ...page }),
  );
  const precision = await tablePrecisions(rt.output, client, list.items.flatMap((a) => (a.asset ? [a.asset] : [])));
  printListing(rt.output, list, { columns: adjustmentListColumns(precision), id: (a) => a.transaction_id ?? a.id, noun: 'adjustments' });
}
