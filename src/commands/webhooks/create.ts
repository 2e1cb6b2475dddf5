import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { createWebhook } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { printWebhook } from './print.js';

export interface WebhooksCreateOptions {
  url: string;
  topic: string[];
  connect?: boolean;
  description?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerWebhooksCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Register a webhook destination; prints its id and signing secret')
    .requiredOption('--url <url>', 'https URL to POST events to (plain http only to loopback on the local engine)')
    .option('--topic <topic>', 'a topic to receive, repeatable (default: * = all); see docs/webhooks.md', collect, [])
    .option('--connect', 'also receive events of connected accounts')
    .option('--description <text>', 'what the destination is for')
    .addHelpText(
      'after',
      `
Topics: subscription.activated (Credyt's), and on the local engine top_up.completed,
top_up.failed, top_up.expired, adjustment.created, hold.captured, hold.voided,
event.unbilled (local extensions).

Examples:
  credyt webhooks create --url https://example.com/credyt
  credyt webhooks create --url http://127.0.0.1:8000/hook --topic top_up.completed --topic hold.captured -o json`,
    )
    .action(action(ctx, runWebhooksCreate));
}

export async function runWebhooksCreate(rt: Runtime, opts: WebhooksCreateOptions): Promise<void> {
  const client = await rt.client();
  const webhook = await createWebhook(client, {
    url: opts.url,
    ...(opts.topic.length > 0 ? { topics: opts.topic } : {}),
    ...(opts.connect ? { connect: true } : {}),
    ...(opts.description !== undefined ? { description: opts.description } : {}),
  });
  rt.note(`Created webhook ${webhook.id}; sign-check deliveries with its secret`);
  printWebhook(rt, webhook);
}
