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
 * A request's accepted events summed in memory (add each, then write), so that a batch of a
 * thousand events of one customer and day writes one row per asset and vendor. Sums are
 * grouped by customer and day, and an event of the same customer and day as the one before
 * (a bulk run's usual order) finds its group without a key being written.
 */
export class UsageDays {
  /** `customer day` → `vendor currency scale` → its sum. */
  private readonly groups = new Map<string, Map<string, Sum>>();
  private event = 0;
  private lastCustomer: string | undefined;
  private lastDay = '';
  private last: Map<string, Sum> | undefined;

  /** Adds an accepted event. */
  add(customerId: string, occurredAt: string, fees: UsageOfEvent['fees'], costs: readonly ResolvedCost[]): void {
    this.event++;
    if (fees.length === 0 && costs.length === 0) return;
    let group = this.last;
    if (group === undefined || customerId !== this.lastCustomer || !occurredAt.startsWith(this.lastDay)) {
      const day = occurredAt.slice(0, 10);
      const key = `${customerId} ${day}`;
      group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = new Map()));
      this.last = group;
      this.lastCustomer = customerId;
      this.lastDay = day;
    }
    for (const fee of fees) {
      if (fee.units !== 0n) this.sum(group, customerId, 0, fee.asset, fee.pricing.precision, fee.units);
    }
    for (const cost of costs) this.sum(group, customerId, cost.vendorSeq, cost.currency, COST_SCALE, cost.units);
  }

  private sum(group: Map<string, Sum>, customerId: string, vendorSeq: number, currency: string, scale: number, units: bigint): void {
    const key = `${vendorSeq} ${currency} ${scale}`;
    const sum = group.get(key);
    if (!sum) group.set(key, { customerId, day: this.lastDay, vendorSeq, currency, scale, units, events: 1, last: this.event });
    else {
      sum.units += units;
      if (sum.last !== this.event) sum.events++;
      sum.last = this.event;
    }
  }

  /** Adds the sums to `usage_days`, inside the write that stores their events (so they never disagree). */
  write(store: Store): void {
    if (this.groups.size === 0) return;
    // Units are decimal text (sums may pass 2^63), so the addition is done here, not in SQL.
    const read = store.stmt(READ);
    const write = store.stmt(WRITE);
    for (const group of this.groups.values()) {
      for (const s of group.values()) {
        const before = read.get(s.customerId, s.day, s.vendorSeq, s.currency, s.scale) as { units: string; events: number } | undefined;
        const units = before ? BigInt(before.units) + s.units : s.units;
        write.run(s.customerId, s.day, s.vendorSeq, s.currency, s.scale, units.toString(), (before?.events ?? 0) + s.events);
      }
    }
  }
}

/** Adds accepted events to `usage_days` (UsageDays, for a list at hand). */
export function recordUsageDays(store: Store, usage: Iterable<UsageOfEvent>): void {
  const days = new UsageDays();
  for (const { customerId, occurredAt, fees, costs } of usage) days.add(customerId, occurredAt, fees, costs);
  days.write(store);
}
