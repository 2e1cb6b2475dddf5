import { EngineError } from '../request/errors.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import type { PageView, SubscriptionDetailView } from '../types.js';
import { requireSubscription, type SubscriptionRow, type SubscriptionStatus } from './subscription-rows.js';

const STATUSES: readonly SubscriptionStatus[] = ['pending', 'active', 'failed', 'cancelled'];

function products(store: Store, seq: number): SubscriptionDetailView['products'] {
  return store
    .stmt(
      `SELECT p.id, p.code, sp.version FROM subscription_products sp JOIN products p ON p.seq = sp.product_seq
       WHERE sp.subscription_seq = ? ORDER BY sp.position`,
    )
    .all(seq) as SubscriptionDetailView['products'];
}

/** A stored subscription as `GET /subscriptions/{id}` answers it (required_actions: the caller's). */
export function detailView(store: Store, row: SubscriptionRow): SubscriptionDetailView {
  const renews = row.status === 'active' && row.cancel_at_period_end === 0 && row.interval !== null;
  return {
    id: row.id,
    status: row.status,
    started_at: row.started_at,
    products: products(store, row.seq),
    required_actions: [],
    customer_id: row.customer_id,
    activated_at: row.activated_at,
    ended_at: row.ended_at,
    current_period_start: row.status === 'active' ? row.period_start : null,
    current_period_end: row.status === 'active' ? row.period_end : null,
    next_charge_at: renews ? row.period_end : null,
    cancel_at_period_end: row.cancel_at_period_end === 1,
  };
}

export function getSubscription(store: Store, id: string): SubscriptionDetailView {
  return detailView(store, requireSubscription(store, id));
}

function one(query: Query, key: string): string | undefined {
  const raw = query[key];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') {
    const message = `${key} must be given once`;
    throw new EngineError(422, 'validation_failed', message, { [key]: [message] });
  }
  return raw;
}

/** `GET /subscriptions?customer_id=&status=`: newest first. */
export function listSubscriptions(store: Store, query: Query = {}): PageView<SubscriptionDetailView> {
  const params = readPage(query);
  const customerId = one(query, 'customer_id');
  const status = one(query, 'status');
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    const message = `status ${show(status)} is not one of ${STATUSES.join(', ')}`;
    throw new EngineError(422, 'validation_failed', message, { status: [message] });
  }
  const where = 'WHERE (@customer IS NULL OR customer_id = @customer) AND (@status IS NULL OR status = @status)';
  const args = { customer: customerId ?? null, status: status ?? null };
  const total = store.stmt(`SELECT count(*) FROM subscriptions ${where}`).pluck().get(args) as number;
  const rows = store
    .stmt(`SELECT * FROM subscriptions ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
    .all({ ...args, limit: params.limit, offset: params.offset }) as SubscriptionRow[];
  return pageOf(rows.map((row) => detailView(store, row)), total, params);
}
