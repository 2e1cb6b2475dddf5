import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { integerArg } from '../parse.js';
import { dataArg, dataJsonArg, eventData } from '../usage/data.js';
import { eventFromLine } from '../usage/event-line.js';
import { readNdjson } from '../../io/ndjson.js';
import { printRecords } from '../../render/records.js';
import { feeColumns, feeRows, totalColumns } from '../../render/usage.js';
import { tablePrecisions } from '../asset-precisions.js';
import type { UsageEventInput } from '../../client/catalog-types.js';

export interface ProductsSimulateOptions {
  version?: number;
  file?: string;
  type?: string;
  data?: Record<string, unknown>;
  dataJson?: Record<string, unknown>;
}

export function registerProductsSimulate(parent: Command, ctx: Context): void {
  parent
    .command('simulate')
    .summary('Price usage events against a product version without charging anybody')
    .argument('<product>', 'product id (prp_…) or code')
    .option('--version <n>', 'version to price with (default: the default version; drafts allowed)', integerArg(1, Number.MAX_SAFE_INTEGER))
    .option('--file <path>', 'events, one JSON object per line: {"type": …, "data": {…}} (- for stdin)')
    .option('--type <event-type>', 'one event of this type (instead of --file)')
    .option('--data <key=value>', 'event data; numbers stay exact, key= is absent (repeatable)', dataArg)
    .option('--data-json <json>', 'event data as a JSON object (nested values)', dataJsonArg)
    .addHelpText(
      'after',
      `
Examples:
  credyt products simulate chat_api --type chat_completed --data input_tokens=1000000 --data output_tokens=1000000
  credyt products simulate video_api --version 2 --type render_finished --data minutes=10 --data speed=fast
  credyt products simulate chat_api --file events.ndjson -o json`,
    )
    .action(action(ctx, runProductsSimulate));
}

async function simulatedEvents(rt: Runtime, opts: ProductsSimulateOptions): Promise<UsageEventInput[]> {
  if (opts.file !== undefined && opts.type !== undefined) throw new UsageError('Give either --file or --type, not both.');
  if (opts.file !== undefined) {
    if (opts.data || opts.dataJson) throw new UsageError('--data and --data-json go with --type, not --file.');
    const source = opts.file === '-' ? '<stdin>' : opts.file;
    return (await readNdjson(opts.file, rt.io.stdin)).map((line) => eventFromLine(line, source).event);
  }
  if (!opts.type) throw new UsageError('Give the events: --type T [--data k=v]… for one, or --file events.ndjson.');
  return [{ id: randomUUID(), event_type: opts.type, data: eventData(opts.dataJson, opts.data) }];
}

export async function runProductsSimulate(rt: Runtime, opts: ProductsSimulateOptions, ref: string): Promise<void> {
  const events = await simulatedEvents(rt, opts);
  const client = await rt.client();
  const id = await client.resolveProduct(ref);
  const result = await client.simulateUsage(id, opts.version ?? 'default', { events });
  const rows = feeRows(result.events, events);
  const assets = rows.flatMap((r) => (r.fee ? [r.fee.asset] : []));
  const precision = await tablePrecisions(rt.output, client, assets);
  printRecords(rt.output, { columns: feeColumns(precision, false), rows, json: result, id: (r) => r.event_id });
  if (rt.output.mode === 'table' && !rt.output.quiet) {
    printRecords(rt.output, { columns: totalColumns(precision), rows: result.totals, json: result, id: (t) => t.asset });
  }
}
