import { expireDueHolds } from './hold-rows.js';
import type { Store } from './store.js';
import { dueTopUps, resolveTopUp } from './top-up-rows.js';

/**
 * Expires lapsed checkout links, lazily: called by every read or write that would show or
 * touch the affected balances, so lazy expiry reads the same as an eager sweep would. The
 * expiry is dated at `expires_at`, not at the moment it was noticed.
 */
export function expireDueTopUps(store: Store, customerId: string): void {
  // Lapsed holds go the same way, from the same call sites (docs/ledger.md, "Holds").
  expireDueHolds(store, customerId);
  const now = store.clock();
  if (dueTopUps(store, now, customerId).length === 0) return;
  store.write(() => {
    for (const row of dueTopUps(store, now, customerId)) resolveTopUp(store, row, 'expired', new Date(row.expires_at));
  });
}
