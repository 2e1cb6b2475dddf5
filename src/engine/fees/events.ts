import { billingVersions } from './billing-versions.js';
import { insertRows } from '../store/bulk-insert.js';
import { eventHash } from './event-hash.js';
import { EngineError, notFound } from '../request/errors.js';
import { Charges, FeeAccounts } from './event-charges.js';
import { eventFees } from './event-fees.js';
import { stringifyJson } from '../../json/write.js';
import { readCustomerRef, readEvents, type CustomerRef, type EventInput } from './event-input.js';
import { storedFees } from './event-read.js';
import { Fields } from '../request/fields.js';
import { JournalBatch } from '../ledger/journal.js';
import { PriceIndex, storedFeesJson, storedFeesText, type Fee } from './price-index.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { expireDueTopUps } from '../movements/top-up-expiry.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';
import type { EventResultView, EventStatus } from '../types.js';
import { costsText, VendorLookup, type ResolvedCost } from '../vendors/costs.js';
import { UsageDays } from '../vendors/usage-days.js';
import { eventIdKey, eventIdKeySql } from './event-id-key.js';

const NO_COSTS: ResolvedCost[] = [];

/** An event id already stored (or accepted earlier in this request). */
interface Prior {
  request_hash: string;
  /** Its fees as answered (storedFeesJson of the row's). */
  readonly feesJson: string;
}

function resolveCustomer(store: Store, ref: CustomerRef): string {
  if (ref.id !== undefined) {
    if (!store.stmt('SELECT 1 FROM customers WHERE id = ?').get(ref.id)) throw notFound('customer', ref.id);
    return ref.id;
  }
  const id = store.stmt('SELECT id FROM customers WHERE external_id = ?').pluck().get(ref.externalId) as string | undefined;
  if (!id) throw new EngineError(404, 'not_found', `no customer has external_id ${show(ref.externalId)}`);
  return id;
}

/** Per request: each customer's price index, made once. */
class PriceIndexes {
  private readonly indexes = new Map<string, PriceIndex>();

  constructor(private readonly store: Store) {}

  of(customerId: string): PriceIndex {
    let index = this.indexes.get(customerId);
    if (!index) {
      expireDueTopUps(this.store, customerId);
      this.indexes.set(customerId, (index = new PriceIndex(this.store, billingVersions(this.store, customerId))));
    }
    return index;
  }
}

/** One event's outcome: its fees as computed (accepted) and as JSON text (all). */
export interface Outcome {
  readonly id: string;
  readonly status: EventStatus;
  readonly fees: Fee[] | undefined;
  readonly feesJson: string;
}

/**
 * An accepted event: its outcome, and the prior a second copy later in the same request
 * is answered against. Its fees' text is written only when read: an answer of ids and
 * statuses (`Prefer: return=minimal` over HTTP) needs only whether it has fees.
 */
class Accepted implements Outcome, Prior {
  readonly status = 'accepted';
  private text: string | undefined;

  constructor(
    readonly id: string,
    readonly fees: Fee[],
    readonly request_hash: string,
    /** Its place in the request. */
    readonly index: number,
    /** The customer's charges, when its fees move money (its row then points at their entry). */
    readonly charges: Charges | undefined,
  ) {}

  get feesJson(): string {
    return (this.text ??= feesText(this.fees));
  }
}

const EVENT_COLUMNS = '(id, customer_id, event_type, occurred_at, received_at, subject, description, data, costs, request_hash, fees, entry_id, id_key)';
const EVENT_WIDTH = 13;
const EVENTS = { head: `INSERT INTO events ${EVENT_COLUMNS}` };
/** The stored events among a request's ids (a JSON list): one probe of the key index each. */
const STORED = `SELECT e.id, e.request_hash, e.fees FROM json_each(?) AS j CROSS JOIN events AS e
  ON e.id_key = ${eventIdKeySql('j.value')} AND e.id = j.value`;

/**
 * `POST /events`: 1–1,000 usage events, billed at once from each customer's subscribed
 * versions, all in one transaction. Validation is all-or-nothing; an event id seen before
 * answers `duplicate` (same body, original fees, no charge) or `conflict` (no effect).
 * The accepted events of each customer are charged by one journal entry (docs/ledger.md).
 * Each event's outcome, its answer written only if asked for (the embedded transport).
 */
export function ingestEvents(store: Store, body: unknown): Outcome[] {
  const now = store.clock();
  const fields = Fields.of(body);
  const top = readCustomerRef(fields);
  const events = readEvents(fields, now);
  if (!top && events.some((e) => !e.customer)) {
    fields.fail('customer_id', 'customer_id or customer_external_id is required (for the request or on every event)');
  }
  fields.done();
  const received = isoText(now);

  return store.write(() => {
    const customerOf = new Map<string, string>();
    const customers = events.map((e) => {
      const ref = (e.customer ?? top) as CustomerRef;
      const key = ref.id !== undefined ? `id ${ref.id}` : `ext ${ref.externalId}`;
      let id = customerOf.get(key);
      if (id === undefined) customerOf.set(key, (id = resolveCustomer(store, ref)));
      return id;
    });
    const indexes = new PriceIndexes(store);
    const fees = events.map((e, i) => eventFees(indexes.of(customers[i]), e));
    const vendors = new VendorLookup(store);
    const costs = events.map((e) => (e.costInputs.length === 0 ? NO_COSTS : vendors.resolve(e.costInputs)));
    fields.done();
    const batch: Batch = { events, customers, fees, costs, received };
    // Most requests are new events: written at once, the id index is searched only by the
    // insert's trigger (schema 29). Should an id be stored already, the trigger aborts the
    // attempt, which rolls back (a savepoint), and the request is settled again against
    // one query for all its ids.
    try {
      return store.write(() => settle(store, batch, new Map()));
    } catch (error) {
      if (!isStoredId(error)) throw error;
    }
    const known = store.stmt(STORED).all(JSON.stringify(events.map((e) => e.id))) as { id: string; request_hash: string; fees: string }[];
    return settle(store, batch, new Map<string, Prior>(known.map((row) => [row.id, { request_hash: row.request_hash, feesJson: storedFeesJson(row.fees) }])));
  });
}

/** A request, read and billed: its events, each one's customer and fees. */
interface Batch {
  events: EventInput[];
  customers: string[];
  fees: Fee[][];
  /** Each event's costs, their vendors resolved. */
  costs: ResolvedCost[][];
  received: string;
}

/** The error of the trigger that refuses a stored event id (schema 29). */
function isStoredId(error: unknown): boolean {
  return error instanceof Error && error.message === 'UNIQUE constraint failed: events.id';
}

/**
 * Answers each event against `prior` (the ids stored before, as far as known), then writes
 * one entry per customer and the accepted events; an id stored but not in `prior` makes
 * the insert throw (isStoredId).
 */
function settle(store: Store, batch: Batch, prior: Map<string, Prior>): Outcome[] {
  const { events, customers, fees, costs, received } = batch;
  const charges = new Map<string, Charges>();
  const accepted: Accepted[] = [];
  const outcomes = events.map((e, i): Outcome => {
    const id = e.id as string;
    const hash = eventHash(customers[i], e);
    const before = prior.get(id);
    if (before) {
      return before.request_hash === hash
        ? { id, status: 'duplicate', fees: undefined, feesJson: before.feesJson }
        : { id, status: 'conflict', fees: undefined, feesJson: '[]' };
    }
    let owed = charges.get(customers[i]);
    if (!owed) charges.set(customers[i], (owed = new Charges(customers[i])));
    const moves = owed.add(id, fees[i]);
    const outcome = new Accepted(id, fees[i], hash, i, moves ? owed : undefined);
    accepted.push(outcome);
    // A second copy later in this same request is a replay of this one.
    prior.set(id, outcome);
    return outcome;
  });

  const journal = new JournalBatch(store);
  const accounts = new FeeAccounts(store);
  for (const owed of charges.values()) owed.post(journal, accounts);
  journal.flush();
  const values: unknown[] = new Array(accepted.length * EVENT_WIDTH);
  const days = new UsageDays();
  let at = 0;
  for (const { index, request_hash: hash, charges: owed } of accepted) {
    const e = events[index];
    const occurredAt = e.occurredAt ?? received;
    values[at++] = e.id;
    values[at++] = customers[index];
    values[at++] = e.eventType;
    values[at++] = occurredAt;
    values[at++] = received;
    values[at++] = e.subject;
    values[at++] = e.description;
    values[at++] = stringifyJson(e.data);
    values[at++] = costsText(costs[index]);
    values[at++] = hash;
    values[at++] = storedFeesText(fees[index]);
    values[at++] = owed ? owed.entryId : null;
    values[at++] = eventIdKey(e.id as string);
    days.add(customers[index], occurredAt, fees[index], costs[index]);
  }
  insertRows(store, EVENTS, EVENT_WIDTH, values);
  days.write(store);
  for (const { index } of accepted) {
    if (fees[index].length > 0) continue;
    const e = events[index];
    const data = { event_id: e.id, customer_id: customers[index], event_type: e.eventType, subject: e.subject, occurred_at: e.occurredAt ?? received };
    recordWebhookEvent(store, 'event.unbilled', data);
  }
  return outcomes;
}

/** `stringifyJson` of the fees' views, written from each fee's fixed parts. */
function feesText(fees: Fee[]): string {
  if (fees.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < fees.length; i++) out += (i === 0 ? '' : ',') + fees[i].json();
  return `${out}]`;
}

/** `POST /events` for in-process callers: every result with its fees as objects. */
export function postEvents(store: Store, body: unknown): { events: EventResultView[] } {
  return {
    events: ingestEvents(store, body).map(({ id, status, fees, feesJson }) => ({
      id,
      status,
      fees: fees ? fees.map((f) => f.view) : status === 'duplicate' ? storedFees(feesJson) : [],
    })),
  };
}

/**
 * `POST /events` for the server: the answer as JSON text, `stringifyJson` of what postEvents
 * returns, written from the fees' text (a thousand events answer two thousand fees).
 */
export function postEventsJson(store: Store, body: unknown): string {
  return eventsAnswerJson(ingestEvents(store, body));
}

/** The answer of `POST /events` as JSON text (what postEventsJson answers). */
export function eventsAnswerJson(outcomes: readonly Pick<Outcome, 'id' | 'status' | 'feesJson'>[]): string {
  let out = '{"events":[';
  let first = true;
  for (const { id, status, feesJson } of outcomes) {
    out += `${first ? '' : ','}{"id":${JSON.stringify(id)},"status":"${status}","fees":${feesJson}}`;
    first = false;
  }
  return `${out}]}`;
}
