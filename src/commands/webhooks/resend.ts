import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { resendWebhookDelivery } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { printDelivery } from './print.js';

export function registerWebhooksResend(parent: Command, ctx: Context): void {
  parent
    .command('resend')
    .summary('Deliver an event to a destination again, with a fresh retry window (local engine)')
    .argument('<delivery-id>', 'delivery id (dlv_…), from `credyt webhooks deliveries`')
    .addHelpText('after', '\nExamples:\n  credyt webhooks deliveries whd_01jx7k3m9q2r4s6t8v0w2y4z6d --status failed\n  credyt webhooks resend dlv_01jx7k3m9q2r4s6t8v0w2y4z6d')
    .action(action(ctx, runWebhooksResend));
}

export async function runWebhooksResend(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  const delivery = await resendWebhookDelivery(client, id);
  rt.note(`Delivery ${id} is due again; a server running the worker (credyt local serve) sends it`);
  printDelivery(rt, delivery);
}
