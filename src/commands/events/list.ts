import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { isoTimeArg } from '../parse.js';
import { printListing } from '../../render/records.js';
import { eventColumns } from '../../render/usage.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export interface EventsListOptions extends PageOptions {
  customer?: string;
  type?: string;
  since?: string;
  until?: string;
}

export function registerEventsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List usage events, newest first, with their fees')
      .option('--customer <customer>', 'only this customer (id or external id)')
      .option('--type <event-type>', 'only this event type')
      .option('--since <iso>', 'only events at or after this time', isoTimeArg)
      .option('--until <iso>', 'only events before this time', isoTimeArg)
      .addHelpText(
        'after',
        '\nExamples:\n  credyt events list --customer acme\n  credyt events list --type chat_completed --since 2026-11-01T00:00:00Z -o csv',
      ),
  ).action(action(ctx, runEventsList));
}

export async function runEventsList(rt: Runtime, opts: EventsListOptions): Promise<void> {
  const client = await rt.client();
  const customerId = opts.customer ? await client.resolveCustomer(opts.customer) : undefined;
  const list = await fetchList(rt, opts, (page) =>
    client.listEvents({ customer_id: customerId, event_type: opts.type, from: opts.since, to: opts.until, ...page }),
  );
  printListing(rt.output, list, { columns: eventColumns, id: (e) => e.id, noun: 'events' });
}
