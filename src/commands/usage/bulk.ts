import type { CredytClient, EventBatchAnswer, EventBatchCustomer } from '../../client/client.js';
import { isCustomerId } from '../../client/customer-ref.js';
import { ApiError } from '../../errors.js';
import { isDecimal } from '../../money/decimal.js';
import { canonicalJson, jsonString } from '../../json/canonical.js';
import { LineError, type BulkKind } from '../../pipeline/run.js';
import type { ItemOutcome, Job } from '../../pipeline/scheduler.js';
import { isUuid } from '../../pipeline/uuid5.js';
import { dataValue, withoutEmpty } from './data.js';
import { costOf } from './cost.js';
import { scanEventsAnswer, type EventsAnswerScan } from '../../json/events-answer.js';
import { perEventResults } from './events-results.js';
import { TextArena } from '../../pipeline/arena.js';
import { billingNotes, type Billing } from './unbilled.js';
import { CustomerKeys } from './customer-keys.js';

/** Largest batch `POST /events` takes (§6.8). */
export const MAX_EVENTS_PER_REQUEST = 1000;

/**
 * Bytes of events one request carries at most: the body limit of `credyt local serve` and
 * the embedded engine (10 MiB; Credyt publishes none), less room for the envelope
 * (`{"customer_external_id":…,"events":[…]}`).
 */
export const MAX_EVENT_BYTES = 10 * 1024 * 1024 - 1024;

/** A line that no request could carry: refused alone, so it never fails the lines batched with it. */
function checkSize(json: string): void {
  if (json.length * 3 <= MAX_EVENT_BYTES) return;
  const bytes = Buffer.byteLength(json);
  if (bytes <= MAX_EVENT_BYTES) return;
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  throw new LineError(`the event is ${mib(bytes)} MiB; one request carries at most 10 MiB, so it was not sent`, 'payload_too_large');
}

/**
 * An event ready to send: the handle of its exact JSON text, `{"id":"<uuid>",…}`, in the
 * kind's TextArena (a bulk run holds tens of thousands; see arena.ts).
 */
export type EventItem = number;

/** The usage kind, with the text of its held events (tests, messages). */
export interface UsageKind extends BulkKind<EventItem> {
  json(item: EventItem): string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDecimal(value);
}

function text(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LineError(`"${key}" must be a string`);
  return value;
}

/** The customer of a line as a batch key: `id:cust_…` or `ext:acme`. */
function customerKey(obj: Record<string, unknown>, fallback: string | undefined, keys: CustomerKeys): string | undefined {
  const id = text(obj, 'customer_id');
  if (id) return keys.id(id);
  const ext = text(obj, 'customer_external_id');
  if (ext) return keys.externalId(ext);
  const ref = text(obj, 'customer') ?? fallback;
  if (!ref) return undefined;
  return isCustomerId(ref) ? keys.id(ref) : keys.externalId(ref);
}

/** CSV columns `data.<key>` (typed like `--data`) gathered into one object. */
function csvData(row: Record<string, unknown>): Record<string, unknown> | undefined {
  let data: Record<string, unknown> | undefined;
  for (const [column, cell] of Object.entries(row)) {
    if (!column.startsWith('data.')) continue;
    data ??= {};
    data[column.slice(5)] = dataValue(cell as string);
  }
  return data;
}

/** CSV columns `cost.<vendor>`, each cell `AMOUNT:CURRENCY` (empty: no cost), as `costs`. */
function csvCosts(row: Record<string, unknown>): unknown[] | undefined {
  let costs: unknown[] | undefined;
  for (const [column, cell] of Object.entries(row)) {
    if (!column.startsWith('cost.') || cell === '' || cell === undefined) continue;
    const cost = costOf(column.slice(5), String(cell));
    if (typeof cost === 'string') throw new LineError(`column "${column}": ${cost}`, 'invalid_costs');
    (costs ??= []).push(cost);
  }
  return costs;
}

/**
 * Usage lines: NDJSON objects `{customer, type, id?, occurred_at?, subject?, description?,
 * data?, costs?}` (the API's `customer_id`, `customer_external_id`, `event_type` too), or
 * CSV with columns `customer,id,type,occurred_at,subject,description,data.<key>…,cost.<vendor>…`.
 * Lines are grouped per customer into `POST /events` batches.
 */
export function usageKind(defaultCustomer: string | undefined, withFees = true, strict = false): UsageKind {
  const arena = new TextArena();
  const billing: Billing = { strict, unbilled: 0, unknown: 0 };
  const keys = new CustomerKeys();
  // The id is always written first.
  const eventId = (item: EventItem) => arena.text(item).slice(7, 43);
  return {
    kind: 'usage',
    noun: 'events',
    maxBatch: MAX_EVENTS_PER_REQUEST,
    plainNumbers: true,
    prepare(value, format, deriveId) {
      const key = customerKey(value, defaultCustomer, keys);
      if (!key) throw new LineError('no "customer" on the line and no CUSTOMER argument', 'missing_customer');
      const type = text(value, 'event_type') ?? text(value, 'type');
      if (!type) throw new LineError('missing "type" (or "event_type")', 'missing_type');
      const occurredAt = text(value, 'occurred_at');
      const occurredMs = occurredAt === undefined ? undefined : Date.parse(occurredAt);
      if (occurredAt !== undefined && Number.isNaN(occurredMs)) {
        throw new LineError(`"occurred_at" ${JSON.stringify(occurredAt)} is not an ISO-8601 time`, 'invalid_time');
      }
      let data: unknown;
      if (format === 'csv') data = csvData(value);
      else {
        data = value.data;
        if (data !== undefined && data !== null && !isObject(data)) throw new LineError('"data" must be an object', 'invalid_data');
        // An empty "" field is absent, as an empty CSV cell is (data.ts).
        if (isObject(data)) data = withoutEmpty(data);
      }
      const costs = format === 'csv' ? csvCosts(value) : value.costs;
      if (costs !== undefined && !Array.isArray(costs)) throw new LineError('"costs" must be an array', 'invalid_costs');
      const subject = text(value, 'subject');
      const description = text(value, 'description');
      // canonicalJson of {costs, data, description, event_type, occurred_at, subject},
      // written out in that (sorted) key order without building the object. event_type is
      // always there: the commas go around it, so the members need no slice of a comma.
      let members = '';
      if (costs !== undefined) members += '"costs":' + canonicalJson(costs) + ',';
      if (data !== undefined && data !== null) members += '"data":' + canonicalJson(data) + ',';
      if (description !== undefined) members += '"description":' + jsonString(description) + ',';
      members += '"event_type":' + jsonString(type);
      if (occurredAt !== undefined) members += ',"occurred_at":' + jsonString(occurredAt);
      if (subject !== undefined) members += ',"subject":' + jsonString(subject);
      const given = text(value, 'id');
      if (given !== undefined && !isUuid(given)) throw new LineError(`"id" ${JSON.stringify(given)} is not a UUID`, 'invalid_id');
      const id = given?.toLowerCase() ?? deriveId(`${key}\n{${members}}`, occurredMs);
      const json = `{"id":"${id}",${members}}`;
      checkSize(json);
      return { key, item: arena.put(json) };
    },
    // The comma before each event counted too.
    batchBytes: MAX_EVENT_BYTES,
    itemBytes: (item) => arena.size(item) + 1,
    send: (client, key, jobs) => postBatch(client, arena, eventId, key, jobs, withFees, billing),
    totals: () => ({ unbilled: billing.unbilled }),
    notes: () => billingNotes(billing),
    heldBytes: () => arena.bytes,
    release: (item) => arena.release(item),
    json: (item) => arena.text(item),
  };
}

/** Errors keyed `events[i].field` in a 422: which events of the batch were refused. */
function refusedEvents(error: ApiError, size: number): Map<number, string> {
  const refused = new Map<number, string>();
  const errors = error.problem?.errors;
  if (!errors || typeof errors !== 'object') return refused;
  for (const [field, messages] of Object.entries(errors)) {
    const m = /^events\[(\d+)\]\.?(.*)$/.exec(field);
    if (!m || Number(m[1]) >= size) continue;
    const message = Array.isArray(messages) ? messages.join('; ') : String(messages);
    const i = Number(m[1]);
    refused.set(i, [refused.get(i), m[2] ? `${m[2]}: ${message}` : message].filter(Boolean).join('; '));
  }
  return refused;
}

/**
 * Sends one batch. The answer is skimmed for ids, statuses and (with `withFees`, for
 * `-o jsonl`) the fees' JSON text, which is printed as the server wrote it: every digit
 * kept. An answer the skim does not take is parsed in full: decimal-exact with fees, else
 * natively (only ids and statuses are used).
 */
async function postBatch(
  client: CredytClient,
  arena: TextArena,
  eventId: (item: EventItem) => string,
  key: string,
  jobs: Job<EventItem>[],
  withFees: boolean,
  billing: Billing,
): Promise<ItemOutcome[]> {
  const customer: EventBatchCustomer = key.startsWith('id:') ? { customer_id: key.slice(3) } : { customer_external_id: key.slice(4) };
  let answer: EventBatchAnswer;
  try {
    answer = await client.postEventBatch(customer, eventsArray(arena, jobs), !withFees);
  } catch (error) {
    // Validation is all-or-nothing per request: send the events it did not refuse again.
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const refused = refusedEvents(error, jobs.length);
    if (refused.size === 0) throw error;
    const rest = jobs.filter((_, i) => !refused.has(i));
    const restOutcomes = rest.length > 0 ? await postBatch(client, arena, eventId, key, rest, withFees, billing) : [];
    let r = 0;
    return jobs.map((job, i) =>
      refused.has(i)
        ? { ok: false, id: eventId(job.item), code: 'validation_failed', message: refused.get(i)! }
        : restOutcomes[r++]!,
    );
  }
  const scan = answeredEvents(answer, withFees) ?? scanEventsAnswer(answer.body, withFees);
  if (scan && scan.ids.length > 0) {
    return jobs.map((job, i) => {
      const id = scan.ids[i];
      if (id === undefined) return noResult(eventId(job.item));
      const billed = scan.billed ? scan.billed[i] : scan.fees[i] !== '[]';
      return outcome(id, scan.statuses[i]!, billing, billed, withFees ? { extraJson: `"fees":${scan.fees[i]!}` } : undefined);
    });
  }
  const results = perEventResults(answer.body, withFees);
  // A 2xx without per-event results (Credyt has not published its answer): every event of
  // the batch went in, new or not is unknown.
  if (!results) return jobs.map((job) => outcome(eventId(job.item), 'sent', billing, undefined));
  return jobs.map((job, i) => {
    const result = results[i];
    if (!result) return noResult(eventId(job.item));
    const billed = Array.isArray(result.fees) ? result.fees.length > 0 : typeof result.billed === 'boolean' ? result.billed : undefined;
    return outcome(result.id, result.status, billing, billed, withFees ? { extra: { fees: result.fees ?? [] } } : undefined);
  });
}

/** The events of an in-process answer, already read, as the scan would read them from its text. */
function answeredEvents(answer: EventBatchAnswer, withFees: boolean): EventsAnswerScan | undefined {
  const { events } = answer;
  if (!events) return undefined;
  // As the scan: fee text with an escape is printed from a full parse instead.
  if (withFees && events.fees.some((fees) => fees.includes('\\'))) return undefined;
  return events;
}

/** Request bodies are put together here, then read out as one string. */
let scratch = Buffer.allocUnsafeSlow(1 << 16);

/** `[<event>,…]` from the events' bytes, without a string per event. */
function eventsArray(arena: TextArena, jobs: Job<EventItem>[]): string {
  let size = 2;
  for (const job of jobs) size += arena.size(job.item) + 1;
  if (size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(size, scratch.length * 2));
  let at = 0;
  scratch[at++] = 91; // [
  for (let i = 0; i < jobs.length; i++) {
    if (i > 0) scratch[at++] = 44; // ,
    at = arena.copy(jobs[i]!.item, scratch, at);
  }
  scratch[at++] = 93; // ]
  return scratch.toString('utf8', 0, at);
}

function noResult(id: string): ItemOutcome {
  return { ok: false, id, code: 'no_result', message: 'the server answered no result for this event' };
}

function outcome(id: string, status: string, billing: Billing, billed: boolean | undefined, fees?: { extra?: Record<string, unknown>; extraJson?: string }): ItemOutcome {
  if (status === 'accepted' || status === 'duplicate' || status === 'sent') {
    if (billed === undefined) billing.unknown++;
    if (billed !== false) return fees === undefined ? { ok: true, id, status } : { ok: true, id, status, ...fees };
    billing.unbilled++;
    if (billing.strict) return { ok: false, id, code: 'unbilled', message: `event ${id} matched no price: stored, but not billed (--strict)` };
    // -o jsonl says so on the line, before its (empty) fees.
    if (fees?.extraJson !== undefined) return { ok: true, id, status, extraJson: `"unbilled":true,${fees.extraJson}` };
    return { ok: true, id, status, ...(fees?.extra ? { extra: { unbilled: true, ...fees.extra } } : {}) };
  }
  if (status === 'conflict') {
    return { ok: false, id, code: 'conflict', message: `event ${id} was posted before with a different body; this one had no effect` };
  }
  return { ok: false, id, code: String(status), message: `event ${id}: status ${status}` };
}
