import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { subscriptionViewColumns } from '../../render/subscriptions.js';

export interface SubscriptionsCancelOptions {
  atPeriodEnd?: boolean;
  prorate?: boolean;
}

export function registerSubscriptionsCancel(parent: Command, ctx: Context): void {
  parent
    .command('cancel')
    .summary('Cancel a subscription now or at the end of its period (local engine)')
    .description(
      'Cancel a subscription: now, or with --at-period-end when its current period ends (it renews no more). ' +
        'No refund, unless --prorate (now only): the unused part of the period\'s fixed fee is credited back, rounded half-up ' +
        'at the asset\'s precision (docs/subscriptions.md). A local extension (POST /subscriptions/{id}/cancel).',
    )
    .argument('<id>', 'subscription id (sub_…)')
    .option('--at-period-end', 'keep it until its current period ends, then stop renewing')
    .option('--prorate', "refund the unused part of the current period's fixed fee")
    .addHelpText(
      'after',
      '\nExamples:\n  credyt subscriptions cancel sub_411xhg4kqakf3d8ybezbzta558\n  credyt subscriptions cancel sub_411xhg4kqakf3d8ybezbzta558 --at-period-end\n  credyt subscriptions cancel sub_411xhg4kqakf3d8ybezbzta558 --prorate -o json',
    )
    .action(action(ctx, runSubscriptionsCancel));
}

export async function runSubscriptionsCancel(rt: Runtime, opts: SubscriptionsCancelOptions, id: string): Promise<void> {
  if (opts.atPeriodEnd && opts.prorate) {
    throw new UsageError('--prorate goes with a cancellation now: at the period end nothing is left to refund.');
  }
  const client = await rt.client();
  const body = {
    ...(opts.atPeriodEnd ? { at_period_end: true } : {}),
    ...(opts.prorate ? { prorate: true } : {}),
  };
  const subscription = await client.cancelSubscription(id, body);
  rt.note(
    subscription.cancel_at_period_end && subscription.status !== 'cancelled'
      ? `Subscription ${subscription.id} ends with its period${subscription.current_period_end ? ` (${subscription.current_period_end})` : ''}`
      : `Subscription ${subscription.id} is ${subscription.status}`,
  );
  printRecord(rt.output, { columns: subscriptionViewColumns, row: subscription, json: subscription, id: (s) => s.id });
}
