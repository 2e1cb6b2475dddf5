import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { deleteWebhook } from '../../client/webhooks.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';

export function registerWebhooksDelete(parent: Command, ctx: Context): void {
  parent
    .command('delete')
    .summary('Delete a webhook destination; its pending deliveries stop (local engine)')
    .argument('<id>', 'destination id (whd_…)')
    .addHelpText('after', '\nExamples:\n  credyt webhooks delete whd_01jx7k3m9q2r4s6t8v0w2y4z6d\n  credyt webhooks delete whd_01jx7k3m9q2r4s6t8v0w2y4z6d -o json')
    .action(action(ctx, runWebhooksDelete));
}

export async function runWebhooksDelete(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  const answer = (await deleteWebhook(client, id)) ?? { id, deleted: true };
  rt.note(`Deleted webhook ${id}`);
  printRecord(rt.output, {
    columns: [
      { header: 'ID', value: (a: typeof answer) => a.id },
      { header: 'DELETED', value: (a) => String(a.deleted) },
    ],
    row: answer,
    json: answer,
    id: (a) => a.id,
  });
}
