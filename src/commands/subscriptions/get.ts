import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { subscriptionViewColumns } from '../../render/subscriptions.js';

export function registerSubscriptionsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show a subscription: status, current period, next charge, payment link (local engine)')
    .argument('<id>', 'subscription id (sub_…)')
    .addHelpText('after', '\nExamples:\n  credyt subscriptions get sub_411xhg4kqakf3d8ybezbzta558\n  credyt subscriptions get sub_411xhg4kqakf3d8ybezbzta558 -o json')
    .action(action(ctx, runSubscriptionsGet));
}

export async function runSubscriptionsGet(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  const subscription = await client.getSubscription(id);
  printRecord(rt.output, { columns: subscriptionViewColumns, row: subscription, json: subscription, id: (s) => s.id });
}
