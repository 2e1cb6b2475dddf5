import { expireDueHolds } from './hold-settle.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { dueTopUps, resolveTopUp } from './top-up-settle.js';
import { renewalDue, renewDueOf } from '../subscriptions/renewals.js';

/** Customers whose earliest open expiry is remembered at most (a bulk run over many starts over). */
const REMEMBERED_CUSTOMERS = 10_000;

/**
 * Per customer, the earliest `expires_at` of its pending holds and initiated top-ups (null:
 * none), as of the last expiry check: until then nothing of the customer can lapse, and the
 * check is skipped (every write of an adjustment or event batch makes one). This connection
 * forgets a customer when it opens a hold or a top-up (forgetOpenExpiry); another
 * connection's commit (`PRAGMA data_version`, read once per write transaction) forgets all.
 * A memo: dropped whenever a write rolls back.
 */
function openExpiries(store: Store): Map<string, string | null> {
  const memo = store.memo('open expiries', () => ({ dataVersion: Number.NaN, earliest: new Map<string, string | null>() }));
  store.transactionMemo('open expiries checked', () => {
    const { data_version: version } = store.stmt('PRAGMA data_version').get() as { data_version: number };
    if (version !== memo.dataVersion) memo.earliest.clear();
    memo.dataVersion = version;
    return true;
  });
  return memo.earliest;
}

function earliestOpenExpiry(store: Store, customerId: string): string | null {
  const min = (sql: string) => (store.stmt(sql).get(customerId) as { m: string | null }).m;
  const hold = min(`SELECT min(expires_at) AS m FROM holds WHERE customer_id = ? AND status = 'pending'`);
  const topUp = min(`SELECT min(expires_at) AS m FROM top_ups WHERE customer_id = ? AND status = 'initiated'`);
  return hold === null ? topUp : topUp === null || hold < topUp ? hold : topUp;
}

/** Call after opening a hold or a top-up that may lapse: the customer's next check looks again. */
export function forgetOpenExpiry(store: Store, customerId: string): void {
  openExpiries(store).delete(customerId);
}

/**
 * Runs due subscription renewals, then expires lapsed checkout links, lazily: called by every read or write that would show or
 * touch the affected balances, so lazy expiry reads the same as an eager sweep would. The
 * expiry is dated at `expires_at`, not at the moment it was noticed.
 */
export function expireDueTopUps(store: Store, customerId: string): void {
  const now = store.clock();
  // Renewals first: they are dated at their period end, before anything of now.
  renewDueOf(store, customerId, now);
  if (!openExpiryDue(store, customerId, now)) return;
  const remembered = openExpiries(store);
  // Lapsed holds go the same way, from the same call sites (docs/ledger.md, "Holds").
  expireDueHolds(store, customerId);
  if (dueTopUps(store, now, customerId).length > 0) {
    store.write(() => {
      for (const row of dueTopUps(store, now, customerId)) resolveTopUp(store, row, 'expired', new Date(row.expires_at));
    });
  }
  if (remembered.size >= REMEMBERED_CUSTOMERS) remembered.clear();
  remembered.set(customerId, earliestOpenExpiry(store, customerId));
}

/**
 * True when a hold or checkout link of the customer has lapsed by `now` (expireDueTopUps
 * has work). Reads only; remembers the earliest open expiry when nothing is due yet.
 */
function openExpiryDue(store: Store, customerId: string, now: Date): boolean {
  const remembered = openExpiries(store);
  const nowText = isoText(now);
  let earliest = remembered.get(customerId);
  if (earliest === undefined) {
    earliest = earliestOpenExpiry(store, customerId);
    if (earliest !== null && earliest <= nowText) return true;
    if (remembered.size >= REMEMBERED_CUSTOMERS) remembered.clear();
    remembered.set(customerId, earliest);
  }
  return earliest !== null && earliest <= nowText;
}

/** True when expireDueTopUps would write anything for the customer now (reads only). */
export function customerDue(store: Store, customerId: string, now: Date): boolean {
  return renewalDue(store, customerId, now) || openExpiryDue(store, customerId, now);
}
