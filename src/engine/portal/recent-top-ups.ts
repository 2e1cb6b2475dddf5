import { conversionPaid } from '../../money/convert.js';
import { Decimal } from '../../money/decimal.js';
import { fiatCurrency } from '../assets/fiat.js';
import type { Store } from '../store/store.js';
import type { TopUpView } from '../types.js';

/**
 * One line of the portal's "Recent top-ups": a checkout top-up (`POST /top-ups`, paid on
 * the checkout page) or a platform top-up (an adjustment with reason `external_topup`,
 * what `credyt top-up` makes). Both moved the balance the portal shows, so both are listed.
 */
export interface RecentTopUp {
  kind: 'checkout' | 'platform';
  id: string;
  created_at: string;
  /** What was paid: a checkout's amount, a platform top-up's `source_amount` metadata, or the credit itself in fiat. */
  paid: { amount: Decimal; currency: string } | undefined;
  quantity: Decimal;
  asset: string;
  /** A checkout's status; a platform top-up is always `completed` (it is the credit). */
  status: string;
}

interface PlatformRow {
  id: string;
  amount: string;
  asset: string;
  metadata: string;
  created_at: string;
}

/**
 * A customer's latest platform top-ups, newest first. Walks adjustments from the newest
 * down (their rowid order), so it stops after `limit` matches; a customer with fewer than
 * `limit` of them costs one pass over the adjustments (there is no index by customer).
 */
function platformTopUps(store: Store, customerId: string, limit: number): RecentTopUp[] {
  const rows = store
    .stmt(
      `SELECT j.id, j.amount, a.asset, j.metadata, j.created_at
       FROM adjustments j JOIN accounts a ON a.seq = j.account_seq
       WHERE j.customer_id = ? AND j.reason = 'external_topup' ORDER BY j.seq DESC LIMIT ?`,
    )
    .all(customerId, limit) as PlatformRow[];
  return rows.map((row) => {
    const quantity = new Decimal(row.amount);
    const meta = JSON.parse(row.metadata) as Record<string, string>;
    const stated = conversionPaid(meta);
    const source = stated.amount;
    const currency = stated.currency === undefined ? undefined : fiatCurrency(stated.currency);
    let paid: RecentTopUp['paid'];
    if (source && currency) paid = { amount: source, currency: currency.code };
    else if (fiatCurrency(row.asset)) paid = { amount: quantity, currency: row.asset };
    return { kind: 'platform', id: row.id, created_at: row.created_at, paid, quantity, asset: row.asset, status: 'completed' };
  });
}

function checkoutTopUp(t: TopUpView): RecentTopUp {
  return {
    kind: 'checkout',
    id: t.id,
    created_at: t.created_at,
    paid: { amount: t.amount, currency: t.currency },
    quantity: t.quantity,
    asset: t.destination.asset,
    status: t.status,
  };
}

/** Both kinds, newest first, at most `limit`; ties keep checkout top-ups first. */
export function mergeRecentTopUps(
  store: Store,
  customerId: string,
  checkouts: TopUpView[],
  limit: number,
): RecentTopUp[] {
  const all = [...checkouts.map(checkoutTopUp), ...platformTopUps(store, customerId, limit)];
  const at = (t: RecentTopUp) => Date.parse(t.created_at);
  return all.sort((a, b) => at(b) - at(a)).slice(0, limit);
}
