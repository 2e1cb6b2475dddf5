import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { uuidArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { eventColumns } from '../../render/usage.js';
import { printFees } from '../usage/print-fees.js';

export function registerEventsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show one event and exactly which fees it produced')
    .argument('<id>', 'event id (the UUID it was posted with)', uuidArg)
    .addHelpText('after', '\nExamples:\n  credyt events get 0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90\n  credyt events get 0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90 -o json')
    .action(action(ctx, runEventsGet));
}

/** On a table: the event, then its fees; elsewhere one row per fee (or the API's JSON). */
export async function runEventsGet(rt: Runtime, _opts: object, id: string): Promise<void> {
  const client = await rt.client();
  const event = await client.getEvent(id);
  if (rt.output.mode === 'table' && !rt.output.quiet) {
    printRecord(rt.output, { columns: eventColumns, row: event, json: event, id: (e) => e.id });
  }
  if (rt.output.mode === 'json' || rt.output.mode === 'jsonl' || rt.output.quiet) {
    printRecord(rt.output, { columns: eventColumns, row: event, json: event, id: (e) => e.id });
    return;
  }
  await printFees(rt, client, [event], [event], event);
}
