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
