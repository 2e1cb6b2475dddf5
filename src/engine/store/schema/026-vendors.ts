import { Decimal } from '../../../money/decimal.js';
import { parseJsonDecimalAnyDepth } from '../../../json/parse.js';
import type { Db } from '../db.js';

/**
 * Version 26: vendors and usage statistics (docs/vendors.md). A vendor (`vnd_`) is a source
 * of cost that usage events name in `costs`. `usage_days` keeps, per customer and UTC day
 * of `occurred_at`, the fees charged (vendor_seq 0, per asset) and each vendor's costs (per
 * currency) as exact integers of 10^-scale (decimal text: a sum of fees at 18 places passes
 * 2^63 long before it passes 10^18), added to by the write that accepts the events:
 * stats then read a few rows per day instead of every event. WITHOUT ROWID: the key is the row's identity, so an upsert
 * searches and writes one B-tree instead of an index and a table (building 1,000,000
 * events took 38–40 s of CPU against 54 s with a rowid table: bench/results/).
 */
export const vendorsSchema = `
CREATE TABLE vendors (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  external_id TEXT UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE usage_days (
  customer_id TEXT NOT NULL REFERENCES customers (id),
  day TEXT NOT NULL,
  vendor_seq INTEGER NOT NULL,
  currency TEXT NOT NULL,
  scale INTEGER NOT NULL,
  units TEXT NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (customer_id, day, vendor_seq, currency, scale)
) STRICT, WITHOUT ROWID;
-- Covering: a vendor's stats read only this index (its sums are spread over every customer).
CREATE INDEX usage_days_by_vendor ON usage_days (vendor_seq, day, currency, scale, units, events) WHERE vendor_seq > 0;
`;

/** Built-in fiat currencies' precision (assets/fiat.ts, which a migration may not import). */
const FIAT_SCALE = 6;

/**
 * Events stored before this version have fees but no sums: add them, so stats cover every
 * event ever billed. Costs need nothing: there were no vendors for a cost to name. Reads
 * each event's fees with the exact parser (about 15 µs an event, once), in either form
 * a row holds them.
 */
export function backfillUsageDays(db: Db): void {
  const scales = new Map<string, number>();
  const scaleOf = (asset: string) => {
    let scale = scales.get(asset);
    if (scale === undefined) {
      const custom = db.prepare('SELECT precision FROM assets WHERE code = ?').pluck().get(asset) as number | undefined;
      scales.set(asset, (scale = custom ?? FIAT_SCALE));
    }
    return scale;
  };
  const sums = new Map<string, { customer: string; day: string; asset: string; units: bigint; events: number }>();
  const events = db.prepare("SELECT customer_id, occurred_at, fees FROM events WHERE fees <> '[]'").raw().iterate() as IterableIterator<[string, string, string]>;
  for (const [customer, occurredAt, fees] of events) {
    const day = occurredAt.slice(0, 10);
    const seen = new Set<string>();
    for (const stored of parseJsonDecimalAnyDepth(fees) as ({ asset: string; amount: unknown } | unknown[])[]) {
      // A fee as answered, or as rows store it since (fees/price-index.ts, Fee.stored: asset 5th, amount 6th).
      const fee = Array.isArray(stored) ? { asset: stored[4] as string, amount: stored[5] } : stored;
      const amount = new Decimal(String(fee.amount));
      if (amount.isZero()) continue;
      const key = `${customer} ${day} ${fee.asset}`;
      const units = BigInt(amount.mul(new Decimal(10).pow(scaleOf(fee.asset))).toFixed(0));
      const sum = sums.get(key);
      if (sum) sum.units += units;
      else sums.set(key, { customer, day, asset: fee.asset, units, events: 0 });
      if (!seen.has(key)) sums.get(key)!.events++;
      seen.add(key);
    }
  }
  const insert = db.prepare('INSERT INTO usage_days (customer_id, day, vendor_seq, currency, scale, units, events) VALUES (?, ?, 0, ?, ?, ?, ?)');
  for (const s of sums.values()) insert.run(s.customer, s.day, s.asset, scaleOf(s.asset), s.units.toString(), s.events);
}
