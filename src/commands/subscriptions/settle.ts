import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { subscriptionViewColumns } from '../../render/subscriptions.js';

type Outcome = 'complete' | 'fail';

const SUMMARY: Record<Outcome, string> = {
  complete: 'Pay a pending subscription: the first fee is paid, entitlements granted (local engine)',
  fail: "Fail a pending subscription's first payment (local engine)",
};

const EFFECT: Record<Outcome, string> = {
  complete:
    'Stands in for the payment provider, as `top-ups complete` does: the subscription becomes active, its first ' +
    "period's fixed fee is recorded as paid, its entitlements are granted and subscription.activated is sent.",
  fail: 'Stands in for the payment provider: the first payment failed and the subscription is failed; nothing is charged or granted.',
};

/** `subscriptions complete|fail`: the local engine's stand-in for the payment provider. */
export function registerSubscriptionsSettle(parent: Command, ctx: Context, outcome: Outcome): void {
  parent
    .command(outcome)
    .summary(SUMMARY[outcome])
    .description(`${EFFECT[outcome]} A local extension (POST /subscriptions/{id}/${outcome}); on Credyt the customer pays at the payment URL.`)
    .argument('<id>', 'subscription id (sub_…)')
    .addHelpText('after', `\nExamples:\n  credyt subscriptions ${outcome} sub_411xhg4kqakf3d8ybezbzta558\n  credyt subscriptions ${outcome} sub_411xhg4kqakf3d8ybezbzta558 -o json`)
    .action(action(ctx, (rt: Runtime, _opts: object, id: string) => runSubscriptionsSettle(rt, outcome, id)));
}

export async function runSubscriptionsSettle(rt: Runtime, outcome: Outcome, id: string): Promise<void> {
  if (!rt.isLocal()) {
    throw new UsageError(
      `subscriptions ${outcome} works only on local profiles (the embedded engine or credyt local serve).`,
      'On Credyt the customer pays at the payment URL of the subscription (`credyt customers get CUSTOMER -o json`: required_actions).',
    );
  }
  const client = await rt.client();
  const subscription = outcome === 'complete' ? await client.completeSubscription(id) : await client.failSubscription(id);
  rt.note(`Subscription ${subscription.id} is ${subscription.status}`);
  printRecord(rt.output, { columns: subscriptionViewColumns, row: subscription, json: subscription, id: (s) => s.id });
}
