import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import { renew } from './billing.js';
import type { SubscriptionRow } from './subscription-rows.js';

/**
 * Renews every active subscription whose period ended at or before `upTo`, earliest first
 * (ties by subscription), each with the clock pinned at its period end, until none is due:
 * a subscription twelve periods behind renews twelve times. `customerId` limits it to one
 * customer. Call inside a write. Answers how many renewals ran (an end at period end counts).
 */
export function renewDue(store: Store, upTo: Date, customerId?: string): number {
  const due = store.stmt(
    `SELECT * FROM subscriptions WHERE status = 'active' AND period_end IS NOT NULL AND period_end <= @upTo
       AND (@customer IS NULL OR customer_id = @customer) ORDER BY period_end, seq LIMIT 1`,
  );
  const args = { upTo: isoText(upTo), customer: customerId ?? null };
  let count = 0;
  for (let row = due.get(args) as SubscriptionRow | undefined; row; row = due.get(args) as SubscriptionRow | undefined) {
    store.at(new Date(row.period_end as string), () => renew(store, row as SubscriptionRow));
    count++;
  }
  return count;
}

/**
 * The renewals of one customer due by `now`, if any: called first by every read or write
 * that shows or moves the customer's balances (movements/top-up-expiry.ts), so renewals on
 * wall time land in the journal before anything later. One indexed probe when none is due.
 */
export function renewDueOf(store: Store, customerId: string, now: Date): void {
  if (renewalDue(store, customerId, now)) store.write(() => renewDue(store, now, customerId));
}

/** True when a subscription of the customer is due to renew by `now` (reads only). */
export function renewalDue(store: Store, customerId: string, now: Date): boolean {
  return (
    store
      .stmt("SELECT 1 FROM subscriptions WHERE customer_id = ? AND status = 'active' AND period_end <= ? LIMIT 1")
      .get(customerId, isoText(now)) !== undefined
  );
}
