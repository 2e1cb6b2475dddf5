import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { readNdjson } from '../../io/ndjson.js';
import { eventFromLine, type EventLine } from './event-line.js';
import { printFees } from './print-fees.js';
import type { EventResult, UsageEventInput } from '../../client/catalog-types.js';

/** Largest batch `POST /events` takes (§6.8). */
const BATCH = 1000;

/**
 * `usage post --file`: every line is checked before anything is sent, then consecutive
 * lines of one customer go out in batches of up to 1,000, in file order.
 */
export async function postFile(rt: Runtime, path: string, defaultCustomer?: string): Promise<void> {
  const source = path === '-' ? '<stdin>' : path;
  const lines = (await readNdjson(path, rt.io.stdin)).map((line) => eventFromLine(line, source));
  for (const line of lines) {
    line.customer ??= defaultCustomer;
    if (!line.customer) throw new UsageError(`${source}:${line.line}: no "customer" on the line and no CUSTOMER argument.`);
  }
  const client = await rt.client();
  const ids = new Map<string, string>();
  const results: EventResult[] = [];
  const sent: UsageEventInput[] = [];
  for (const batch of batches(lines)) {
    const ref = batch[0]!.customer!;
    if (!ids.has(ref)) ids.set(ref, await client.resolveCustomer(ref));
    const events = batch.map((l) => l.event);
    const answer = await client.postEvents({ customer_id: ids.get(ref)!, events });
    results.push(...answer.events);
    sent.push(...events);
  }
  await printFees(rt, client, results, sent, { events: results });
}

function* batches(lines: EventLine[]): Generator<EventLine[]> {
  let batch: EventLine[] = [];
  for (const line of lines) {
    if (batch.length === BATCH || (batch.length > 0 && batch[0]!.customer !== line.customer)) {
      yield batch;
      batch = [];
    }
    batch.push(line);
  }
  if (batch.length > 0) yield batch;
}
