import { adjustmentView, type AdjustmentRow } from '../movements/adjustments.js';
import { requireCustomer } from '../customers/customers.js';
import { queryText, queryTime } from '../fees/event-read.js';
import { Fields } from '../request/fields.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { expireDueTopUps } from '../movements/top-up-expiry.js';
import { TOP_UP_SELECT, topUpView, type TopUpRow } from '../movements/top-up-settle.js';
import type { AdjustmentView, PageView, TopUpView } from '../types.js';

/**
 * Lists for reconciliation, a local extension (Credyt publishes no list of top-ups or of
 * adjustments): `GET /top-ups` and `GET /adjustments`, newest first, filtered by customer,
 * status or reason, and a `from` (inclusive) / `to` (exclusive) window on `created_at`.
 */

const TOP_UP_STATUSES = ['initiated', 'completed', 'failed', 'expired'];

interface Filter {
  sql: string;
  value: string | undefined;
}

/** Fixed SQL fragments only (never input), so each combination is one cached statement. */
function whereOf(filters: Filter[]): { where: string; values: string[] } {
  const used = filters.filter((f) => f.value !== undefined);
  return {
    where: used.length === 0 ? '' : `WHERE ${used.map((f) => f.sql).join(' AND ')}`,
    values: used.map((f) => f.value!),
  };
}

/** `GET /top-ups?customer_id=&status=&from=&to=` */
export function listTopUps(store: Store, query: Query = {}, origin: string): PageView<TopUpView> {
  const fields = Fields.of({});
  const customerId = queryText(fields, query, 'customer_id');
  const status = queryText(fields, query, 'status');
  if (status !== undefined && !TOP_UP_STATUSES.includes(status)) {
    fields.fail('status', `status ${JSON.stringify(status)} is not one of ${TOP_UP_STATUSES.join(', ')}`);
  }
  const from = queryTime(fields, query, 'from');
  const to = queryTime(fields, query, 'to');
  fields.done();
  const params = readPage(query);
  if (customerId !== undefined) requireCustomer(store, customerId);
  // Lapsed checkout links expire lazily: bring every affected customer up to date first, so
  // the list reads as an eager sweep would (an `initiated` past its expiry is `expired`).
  const due = store
    .stmt(`SELECT DISTINCT customer_id FROM top_ups WHERE status = 'initiated' AND expires_at <= ?`)
    .pluck()
    .all(isoText(store.clock())) as string[];
  for (const id of due) if (customerId === undefined || id === customerId) expireDueTopUps(store, id);
  const { where, values } = whereOf([
    { sql: 't.customer_id = ?', value: customerId },
    { sql: 't.status = ?', value: status },
    { sql: 't.created_at >= ?', value: from },
    { sql: 't.created_at < ?', value: to },
  ]);
  const total = store.stmt(`SELECT count(*) FROM top_ups t ${where}`).pluck().get(...values) as number;
  const rows = store
    .stmt(`${TOP_UP_SELECT} ${where} ORDER BY t.created_at DESC, t.seq DESC LIMIT ? OFFSET ?`)
    .all(...values, params.limit, params.offset) as TopUpRow[];
  return pageOf(rows.map((row) => topUpView(row, origin)), total, params);
}

/** `GET /adjustments?customer_id=&reason=&from=&to=` */
export function listAdjustments(store: Store, query: Query = {}): PageView<AdjustmentView> {
  const fields = Fields.of({});
  const customerId = queryText(fields, query, 'customer_id');
  const reason = queryText(fields, query, 'reason');
  const from = queryTime(fields, query, 'from');
  const to = queryTime(fields, query, 'to');
  fields.done();
  const params = readPage(query);
  if (customerId !== undefined) requireCustomer(store, customerId);
  const { where, values } = whereOf([
    { sql: 'j.customer_id = ?', value: customerId },
    { sql: 'j.reason = ?', value: reason },
    { sql: 'j.created_at >= ?', value: from },
    { sql: 'j.created_at < ?', value: to },
  ]);
  const total = store.stmt(`SELECT count(*) FROM adjustments j ${where}`).pluck().get(...values) as number;
  const rows = store
    .stmt(
      `SELECT j.id, j.customer_id, a.name AS account_name, a.asset, j.amount, j.reason, j.description,
              j.expires_at, j.metadata, j.request_hash, j.created_at
       FROM adjustments j JOIN accounts a ON a.seq = j.account_seq ${where}
       ORDER BY j.created_at DESC, j.seq DESC LIMIT ? OFFSET ?`,
    )
    .all(...values, params.limit, params.offset) as AdjustmentRow[];
  return pageOf(rows.map((row) => adjustmentView(row)), total, params);
}
