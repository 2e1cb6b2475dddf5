import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { topUpColumns } from '../../render/top-ups.js';

export function registerTopUpsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show a payment top-up and its status (local engine)')
    .argument('<id>', 'top-up id (top_…)')
    .addHelpText('after', '\nExamples:\n  credyt top-ups get top_01jx7k3m9q2r4s6t8v0w2y4z6d\n  credyt top-ups get top_01jx7k3m9q2r4s6t8v0w2y4z6d -o json')
    .action(action(ctx, runTopUpsGet));
}

export async function runTopUpsGet(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  const topUp = await client.getTopUp(id);
  printRecord(rt.output, { columns: topUpColumns, row: topUp, json: topUp, id: (t) => t.id });
}
