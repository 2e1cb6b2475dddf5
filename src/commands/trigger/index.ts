import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { printRecords } from '../../render/records.js';
import { action } from '../verb.js';
import { TRIGGERS, type Step } from './triggers.js';

export interface TriggerOptions {
  customer?: string;
}

const TOPICS = Object.keys(TRIGGERS);

export function registerTrigger(program: Command, ctx: Context): void {
  program
    .command('trigger')
    .summary(TOP_SUMMARIES.trigger)
    .description(
      'Perform the real operations that make the local engine record a webhook event of TOPIC, ' +
        'on a new throw-away customer unless --customer is given, and print each step. ' +
        'Run `credyt listen` in another shell to see the event. A local extension: Credyt has no trigger.',
    )
    .argument('<topic>', `one of: ${TOPICS.join(', ')}`)
    .option('--customer <customer>', 'act on this customer (cust_… or external id) instead of a throw-away one')
    .addHelpText(
      'after',
      `
What each topic does (amounts in USD):
  subscription.activated  subscribes the customer to product credyt_trigger (made on first use)
  top_up.completed        a checkout top-up of 10, then its completion
  top_up.failed           a checkout top-up of 10, then its failure
  adjustment.created      a gift adjustment of 1
  hold.captured           a gift of 5, a hold of 1, its capture
  hold.voided             a gift of 5, a hold of 1, its void
  event.unbilled          a usage event of type credyt_trigger_unpriced, which no price matches
top_up.expired cannot be triggered: a top-up lapses when its checkout link's lifetime has passed.

Examples:
  credyt trigger top_up.completed
  credyt trigger hold.captured --customer acme -o json`,
    )
    .action(action(ctx, runTrigger));
}

export async function runTrigger(rt: Runtime, opts: TriggerOptions, topic: string): Promise<void> {
  const trigger = TRIGGERS[topic];
  if (!trigger) {
    throw new UsageError(`Unknown topic ${JSON.stringify(topic)}: trigger knows ${TOPICS.join(', ')}.`, topic === 'top_up.expired' ? 'top_up.expired cannot be triggered: a top-up lapses when its checkout link\'s lifetime has passed.' : undefined);
  }
  if (!rt.isLocal()) {
    throw new CredytError(
      `\`credyt trigger\` needs a local profile: it completes top-ups and settles holds as only the local engine lets a client do (profile "${rt.target().profile}").`,
      ExitCode.Unsupported,
      'Use the embedded profile or `credyt local serve`.',
    );
  }
  const client = await rt.client();
  const steps: Step[] = [];
  let customerId: string;
  if (opts.customer !== undefined) {
    customerId = await client.resolveCustomer(opts.customer);
  } else {
    const externalId = `trigger_${randomBytes(6).toString('hex')}`;
    customerId = (await client.createCustomer({ name: `credyt trigger ${topic}`, external_id: externalId })).id;
    steps.push({ step: `created throw-away customer ${externalId}`, id: customerId });
  }
  steps.push(...(await trigger(client, customerId)));
  rt.note(`Triggered ${topic}: the engine recorded its event for every destination that wants it`);
  printRecords(rt.output, {
    columns: [
      { header: 'STEP', value: (s: Step) => s.step },
      { header: 'ID', value: (s) => s.id },
    ],
    rows: steps,
    json: { topic, customer_id: customerId, steps },
    id: (s) => s.id,
  });
}
