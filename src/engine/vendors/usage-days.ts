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

const UPSERT =
  'INSERT INTO usage_days (customer_id, day, vendor_seq, currency, scale, units, events) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT (customer_id, day, vendor_seq, currency, scale) DO UPDATE SET units = units + excluded.units, events = events + excluded.events';

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
  const upsert = store.stmt(UPSERT);
  for (const s of sums.values()) upsert.run(s.customerId, s.day, s.vendorSeq, s.currency, s.scale, s.units, s.events);
}
