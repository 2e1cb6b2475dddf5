import { parseStoredJson } from '../../json/parse.js';
import { requireCustomer } from '../customers/customers.js';
import { notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import { isoText, parseTimestamp } from '../request/time.js';
import { eventIdKey } from './event-id-key.js';
import { storedFeesJson } from './price-index.js';
import type { EventView, FeeView, PageView } from '../types.js';

interface EventRow {
  id: string;
  customer_id: string;
  event_type: string;
  occurred_at: string;
  received_at: string;
  subject: string | null;
  description: string | null;
  data: string;
  costs: string;
  fees: string;
}

const COLUMNS = 'id, customer_id, event_type, occurred_at, received_at, subject, description, data, costs, fees';

/** Fees as answered or stored (either form): amounts come back as Decimals; the version is a plain integer again. */
export function storedFees(json: string): FeeView[] {
  const fees = parseStoredJson(storedFeesJson(json)) as FeeView[];
  for (const fee of fees) fee.product_version = Number(fee.product_version);
  return fees;
}

function eventView(row: EventRow): EventView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    event_type: row.event_type,
    occurred_at: row.occurred_at,
    received_at: row.received_at,
    subject: row.subject,
    description: row.description,
    data: parseStoredJson(row.data) as Record<string, unknown>,
    costs: parseStoredJson(row.costs) as unknown[],
    fees: storedFees(row.fees),
  };
}

/** `GET /events/{id}`: the client's UUID, in any case. */
export function getEvent(store: Store, id: string): EventView {
  const lower = id.toLowerCase();
  const row = store.stmt(`SELECT ${COLUMNS} FROM events WHERE id_key = ? AND id = ?`).get(eventIdKey(lower), lower) as EventRow | undefined;
  if (!row) throw notFound('event', id);
  return eventView(row);
}

export function queryText(fields: Fields, query: Query, key: string): string | undefined {
  const raw = query[key];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'string') return raw;
  return fields.fail(key, `${key} must be given once`);
}

export function queryTime(fields: Fields, query: Query, key: string): string | undefined {
  const text = queryText(fields, query, key);
  if (text === undefined) return undefined;
  const at = parseTimestamp(text);
  if (!at) return fields.fail(key, `${key} ${JSON.stringify(text)} is not an ISO-8601 date-time with a zone`);
  return isoText(at);
}

/**
 * `GET /events?customer_id=&event_type=&from=&to=`: newest received first (ties in the
 * order stored). `from`/`to` bound `occurred_at`, from inclusive, to exclusive.
 */
export function listEvents(store: Store, query: Query = {}): PageView<EventView> {
  const fields = Fields.of({});
  const customerId = queryText(fields, query, 'customer_id');
  const eventType = queryText(fields, query, 'event_type');
  const from = queryTime(fields, query, 'from');
  const to = queryTime(fields, query, 'to');
  fields.done();
  const params = readPage(query);
  if (customerId !== undefined) requireCustomer(store, customerId);
  // Fixed SQL fragments only (never input), so each combination is one cached statement.
  const filters: [string, string | undefined][] = [
    ['customer_id = ?', customerId],
    ['event_type = ?', eventType],
    ['occurred_at >= ?', from],
    ['occurred_at < ?', to],
  ];
  const used = filters.filter(([, value]) => value !== undefined);
  const where = used.length === 0 ? '' : `WHERE ${used.map(([sql]) => sql).join(' AND ')}`;
  const values = used.map(([, value]) => value);
  const total = store.stmt(`SELECT count(*) FROM events ${where}`).pluck().get(...values) as number;
  const rows = store
    .stmt(`SELECT ${COLUMNS} FROM events ${where} ORDER BY received_at DESC, seq DESC LIMIT ? OFFSET ?`)
    .all(...values, params.limit, params.offset) as EventRow[];
  return pageOf(rows.map(eventView), total, params);
}
