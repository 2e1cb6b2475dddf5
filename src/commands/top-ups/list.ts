import { type Command, Option } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { TopUpStatus } from '../../client/types.js';
import { action } from '../verb.js';
import { isoTimeArg } from '../parse.js';
import { printListing } from '../../render/records.js';
import { tablePrecisions } from '../asset-precisions.js';
import { topUpListColumns } from '../../render/reconciliation.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export interface TopUpsListOptions extends PageOptions {
  customer?: string;
  status?: TopUpStatus;
  since?: string;
  until?: string;
}

export function registerTopUpsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List payment top-ups, newest first, for reconciliation (local engine)')
      .description(
        'List payment top-ups, newest first. A local extension: `credyt local serve` and the embedded ' +
          'engine answer it (GET /top-ups); Credyt publishes no such list.',
      )
      .option('--customer <customer>', 'only this customer (id or external id)')
      .addOption(new Option('--status <status>', 'only top-ups in this state').choices(['initiated', 'completed', 'failed', 'expired']))
      .option('--since <iso>', 'only top-ups created at or after this time', isoTimeArg)
      .option('--until <iso>', 'only top-ups created before this time', isoTimeArg)
      .addHelpText(
        'after',
        '\nExamples:\n  credyt top-ups list --status initiated\n  credyt top-ups list --customer acme --since 2026-11-01T00:00:00Z --until 2026-12-01T00:00:00Z -o csv',
      ),
  ).action(action(ctx, runTopUpsList));
}

export async function runTopUpsList(rt: Runtime, opts: TopUpsListOptions): Promise<void> {
  const client = await rt.client();
  const customerId = opts.customer ? await client.resolveCustomer(opts.customer) : undefined;
  const list = await fetchList(rt, opts, (page) =>
    client.listTopUps({ customer_id: customerId, status: opts.status, from: opts.since, to: opts.until, ...page }),
  );
  const assets = list.items.flatMap((t) => [t.currency ?? '', t.destination?.asset ?? '']).filter((a) => a !== '');
  const precision = await tablePrecisions(rt.output, client, assets);
  printListing(rt.output, list, { columns: topUpListColumns(precision), id: (t) => t.id, noun: 'top-ups' });
}
