import { type Command, Option } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { subscriptionListColumns } from '../../render/subscriptions.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'failed', 'cancelled'] as const;

export interface SubscriptionsListOptions extends PageOptions {
  customer?: string;
  status?: (typeof SUBSCRIPTION_STATUSES)[number];
}

export function registerSubscriptionsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List subscriptions with their status, current period and next charge (local engine)')
      .description(
        'List subscriptions, newest first, with their status, current billing period and next charge. ' +
          'A local extension: `credyt local serve` and the embedded engine answer it (GET /subscriptions); ' +
          'Credyt shows subscriptions only inside a customer (`credyt customers get`).',
      )
      .option('--customer <customer>', 'only this customer (id or external id)')
      .addOption(new Option('--status <status>', 'only subscriptions in this state').choices(SUBSCRIPTION_STATUSES))
      .addHelpText(
        'after',
        '\nExamples:\n  credyt subscriptions list --status pending\n  credyt subscriptions list --customer acme -o json',
      ),
  ).action(action(ctx, runSubscriptionsList));
}

export async function runSubscriptionsList(rt: Runtime, opts: SubscriptionsListOptions): Promise<void> {
  const client = await rt.client();
  const customerId = opts.customer ? await client.resolveCustomer(opts.customer) : undefined;
  const list = await fetchList(rt, opts, (page) => client.listSubscriptions({ customer_id: customerId, status: opts.status, ...page }));
  printListing(rt.output, list, { columns: subscriptionListColumns, id: (s) => s.id, noun: 'subscriptions' });
}
