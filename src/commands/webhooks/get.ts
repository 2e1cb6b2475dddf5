import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { getWebhook } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { printWebhook } from './print.js';

export function registerWebhooksGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show a webhook destination with its signing secret')
    .argument('<id>', 'destination id (whd_…)')
    .addHelpText('after', '\nExamples:\n  credyt webhooks get whd_01jx7k3m9q2r4s6t8v0w2y4z6d\n  credyt webhooks get whd_01jx7k3m9q2r4s6t8v0w2y4z6d -o json')
    .action(action(ctx, runWebhooksGet));
}

export async function runWebhooksGet(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  printWebhook(rt, await getWebhook(client, id));
}
