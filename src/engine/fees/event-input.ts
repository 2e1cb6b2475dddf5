import { isDecimal } from '../../money/decimal.js';
import type { Fields } from '../request/fields.js';
import { show } from '../request/show.js';
import { addHours } from '../request/time.js';
import { readCosts, type CostInput } from '../vendors/costs.js';

/** Events per request (contract §6.8). */
export const MAX_EVENTS = 1000;
/** How far ahead of the engine clock `occurred_at` may be (clock skew, not scheduling). */
const FUTURE_HOURS = 24;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CustomerRef {
  id?: string;
  externalId?: string;
}

/** One event of a request, checked for shape; `fields` reports its problems as `events[i].…`. */
export interface EventInput {
  fields: Fields;
  /** Lower-cased UUID; undefined only where an id is optional (simulations). */
  id: string | undefined;
  eventType: string;
  /** As given (normalised), or undefined: the default "now" is not part of its identity. */
  occurredAt: string | undefined;
  subject: string | null;
  description: string | null;
  data: Record<string, unknown>;
  /** `costs` as given: part of the request hash, exactly as before costs were read. */
  costs: unknown[];
  /** `costs`, checked: resolved against the vendors in the write. */
  costInputs: CostInput[];
  customer: CustomerRef | undefined;
}

const CUSTOMER_ID_RULE = { required: false, max: 64 };
const EXTERNAL_ID_RULE = { max: 255 };

/** `customer_id` or `customer_external_id` of an object, at most one of them. */
export function readCustomerRef(f: Fields): CustomerRef | undefined {
  const id = f.string('customer_id', CUSTOMER_ID_RULE);
  const externalId = f.string('customer_external_id', EXTERNAL_ID_RULE);
  if (id !== undefined && externalId !== undefined) {
    f.fail('customer_id', `${f.name('customer_id')} and customer_external_id both name a customer; give one`);
    return undefined;
  }
  const empty = id === '' ? 'customer_id' : externalId === '' ? 'customer_external_id' : undefined;
  if (empty) return f.fail(empty, `${f.name(empty)} must not be empty`);
  if (id !== undefined) return { id };
  return externalId === undefined ? undefined : { externalId };
}

function readData(f: Fields): Record<string, unknown> {
  const raw = f.raw('data');
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw) || isDecimal(raw)) {
    return f.fail('data', `${f.name('data')} must be an object, got ${show(raw)}`) ?? {};
  }
  return raw as Record<string, unknown>;
}

/** An event without costs (most): one shared empty list each, frozen, not two new ones per event. */
const NO_COSTS: unknown[] = Object.freeze([]) as unknown as unknown[];
const NO_COST_INPUTS: CostInput[] = Object.freeze([]) as unknown as CostInput[];

/** `costs` as given, for the hash (an absent list hashes as the empty list it always did). */
function givenCosts(f: Fields): unknown[] {
  const raw = f.raw('costs');
  return Array.isArray(raw) ? raw : NO_COSTS;
}

/** readCosts, which reads an absent (or null) `costs` as no costs. */
function costInputs(f: Fields): CostInput[] {
  return f.raw('costs') === undefined ? NO_COST_INPUTS : readCosts(f);
}

// Each event is read with the same rules: made once, not per event.
const ID_RULE = { required: true, pattern: UUID, allowed: 'a UUID' };
const OPTIONAL_ID_RULE = { required: false, pattern: UUID, allowed: 'a UUID' };
const EVENT_TYPE_RULE = { required: true, max: 255 };
const TEXT_RULE = { max: 1000 };

/** `latest`: isoText of the latest `occurred_at` allowed (fixed-width text: its order is time order). */
function readEvent(f: Fields, requireId: boolean, latest: string): EventInput {
  const id = f.string('id', requireId ? ID_RULE : OPTIONAL_ID_RULE);
  const eventType = f.string('event_type', EVENT_TYPE_RULE);
  const occurredAt = f.timestampText('occurred_at');
  if (occurredAt !== undefined && laterThan(occurredAt, latest)) {
    f.fail('occurred_at', `${f.name('occurred_at')} ${occurredAt} is more than ${FUTURE_HOURS} hours in the future`);
  }
  return {
    fields: f,
    id: id?.toLowerCase(),
    eventType: eventType as string,
    occurredAt,
    subject: f.string('subject', TEXT_RULE) ?? null,
    description: f.string('description', TEXT_RULE) ?? null,
    data: readData(f),
    costs: givenCosts(f),
    costInputs: costInputs(f),
    customer: readCustomerRef(f),
  };
}

/**
 * Whether the instant `text` names is after `latest`'s, both isoText: compared as text
 * when both have the 4-digit year form (text order is then time order), else as dates.
 */
function laterThan(text: string, latest: string): boolean {
  if (text.length === 24 && latest.length === 24) return text > latest;
  return Date.parse(text) > Date.parse(latest);
}

/**
 * `events: [1..1000 × {id, event_type, occurred_at?, subject?, description?, data?, costs?,
 * customer_id | customer_external_id?}]`, checked for shape only (what prices make of the
 * data is checked later, against the customer's subscriptions).
 */
export function readEvents(fields: Fields, now: Date, requireId = true): EventInput[] {
  const raw = fields.raw('events');
  if (!Array.isArray(raw)) {
    fields.fail('events', raw === undefined ? 'events is required' : `events must be an array, got ${show(raw)}`);
    return [];
  }
  if (raw.length === 0 || raw.length > MAX_EVENTS) {
    fields.fail('events', `events must hold 1 to ${MAX_EVENTS} events, got ${raw.length}`);
    return [];
  }
  const until = addHours(now, FUTURE_HOURS);
  // An invalid clock (no instant) makes nothing later than it, as a Date comparison would.
  const latest = Number.isNaN(until.getTime()) ? '' : until.toISOString();
  return (fields.objects('events') ?? []).map((f) => readEvent(f, requireId, latest));
}
