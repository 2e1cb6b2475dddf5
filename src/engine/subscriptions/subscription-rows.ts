import { notFound } from '../request/errors.js';
import type { VersionRow } from '../catalog/product-lookup.js';
import type { Interval } from '../catalog/pricing-types.js';
import type { Store } from '../store/store.js';

export type SubscriptionStatus = 'pending' | 'active' | 'failed' | 'cancelled';

export interface SubscriptionRow {
  seq: number;
  id: string;
  customer_id: string;
  status: SubscriptionStatus;
  started_at: string;
  return_url: string | null;
  failure_url: string | null;
  activated_at: string | null;
  ended_at: string | null;
  cancel_at_period_end: 0 | 1;
  interval: Interval | null;
  interval_count: number | null;
  anchor_at: string | null;
  period_index: number | null;
  period_start: string | null;
  period_end: string | null;
  period_fees: string;
  one_offs_due: 0 | 1;
}

export function findSubscription(store: Store, id: string): SubscriptionRow | undefined {
  return store.stmt('SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
}

export function requireSubscription(store: Store, id: string): SubscriptionRow {
  const row = findSubscription(store, id);
  if (!row) throw notFound('subscription', id);
  return row;
}

/** The versions a subscription is on now, in its products' order. */
export function subscriptionVersions(store: Store, seq: number): VersionRow[] {
  return store
    .stmt(
      `SELECT v.* FROM subscription_products sp
       JOIN product_versions v ON v.product_seq = sp.product_seq AND v.version = sp.version
       WHERE sp.subscription_seq = ? ORDER BY sp.position`,
    )
    .all(seq) as VersionRow[];
}
