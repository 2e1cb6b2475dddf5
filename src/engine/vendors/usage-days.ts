import type { Store } from '../store/store.js';
import { COST_SCALE, type ResolvedCost } from './costs.js';

/** What an accepted event adds to the stats: its fees (per asset) and its costs. */
export interface UsageOfEvent {
  customerId: string;
  /** `occurred_at` (UTC): its first ten characters are the day. */
  occurredAt: string;
  fees: readonly { asset: string; units: bigint; pricing: { precision: number } }[];
  costs: readonly ResolvedCost[];
}

interface Sum {
  customerId: string;
  day: string;
  vendorSeq: number;
  currency: string;
  scale: number;
  units: bigint;
  events: number;
  /** The last event counted: an event with two fees in one asset counts once. */
  last: number;
}

const KEY = 'customer_id = ? AND day = ? AND vendor_seq = ? AND currency = ? AND scale = ?';
const READ = `SELECT units, events FROM usage_days WHERE ${KEY}`;
const WRITE = 'INSERT OR REPLACE INTO usage_days (customer_id, day, vendor_seq, currency, scale, units, events) VALUES (?, ?, ?, ?, ?, ?, ?)';

/**
 * Adds a request's accepted events to `usage_days`, summed in memory first so that a batch
 * of a thousand events of one customer and day writes one row per asset and vendor. Runs
 * inside the write that stores the events, so the sums never disagree with them.
 */
export function recordUsageDays(store: Store, usage: Iterable<UsageOfEvent>): void {
  const sums = new Map<string, Sum>();
  let event = 0;
  const add = (customerId: string, day: string, vendorSeq: number, currency: string, scale: number, units: bigint) => {
    const key = `${customerId} ${day} ${vendorSeq} ${currency} ${scale}`;
    const sum = sums.get(key);
    if (!sum) sums.set(key, { customerId, day, vendorSeq, currency, scale, units, events: 1, last: event });
    else {
      sum.units += units;
      if (sum.last !== event) sum.events++;
      sum.last = event;
    }
  };
  for (const { customerId, occurredAt, fees, costs } of usage) {
    event++;
    const day = occurredAt.slice(0, 10);
    for (const fee of fees) if (fee.units !== 0n) add(customerId, day, 0, fee.asset, fee.pricing.precision, fee.units);
    for (const cost of costs) add(customerId, day, cost.vendorSeq, cost.currency, COST_SCALE, cost.units);
  }
  if (sums.size === 0) return;
  // Units are decimal text (sums may pass 2^63), so the addition is done here, not in SQL.
  const read = store.stmt(READ);
  const write = store.stmt(WRITE);
  for (const s of sums.values()) {
    const before = read.get(s.customerId, s.day, s.vendorSeq, s.currency, s.scale) as { units: string; events: number } | undefined;
    const units = before ? BigInt(before.units) + s.units : s.units;
    write.run(s.customerId, s.day, s.vendorSeq, s.currency, s.scale, units.toString(), (before?.events ?? 0) + s.events);
  }
}
