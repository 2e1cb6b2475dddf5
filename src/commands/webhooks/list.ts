import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { listWebhooks } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { printWebhooks } from './print.js';

export function registerWebhooksList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List webhook destinations, newest first (secrets not shown)')
      .addHelpText('after', '\nExamples:\n  credyt webhooks list\n  credyt webhooks list -o json'),
  ).action(action(ctx, runWebhooksList));
}

export async function runWebhooksList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  printWebhooks(rt, await fetchList(rt, opts, (page) => listWebhooks(client, page)));
}
