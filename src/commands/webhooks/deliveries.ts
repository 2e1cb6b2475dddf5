import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { listWebhookDeliveries, type WebhookDeliveryStatus } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { choiceArg } from '../parse.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { printDeliveries } from './print.js';

export interface WebhooksDeliveriesOptions extends PageOptions {
  status?: WebhookDeliveryStatus;
}

const STATUSES: readonly WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed'];

export function registerWebhooksDeliveries(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('deliveries')
      .summary("List a destination's deliveries and their last answer, newest first (local engine)")
      .argument('<id>', 'destination id (whd_…)')
      .option('--status <status>', `only deliveries in this state: ${STATUSES.join(', ')}`, choiceArg(STATUSES))
      .addHelpText('after', '\nExamples:\n  credyt webhooks deliveries whd_01jx7k3m9q2r4s6t8v0w2y4z6d\n  credyt webhooks deliveries whd_01jx7k3m9q2r4s6t8v0w2y4z6d --status failed -o json'),
  ).action(action(ctx, runWebhooksDeliveries));
}

export async function runWebhooksDeliveries(rt: Runtime, opts: WebhooksDeliveriesOptions, id: string): Promise<void> {
  const client = await rt.client();
  printDeliveries(rt, await fetchList(rt, opts, (page) => listWebhookDeliveries(client, id, { status: opts.status, ...page })));
}
