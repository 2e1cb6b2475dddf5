import { Decimal } from '../../money/decimal.js';
import { fixedText } from '../assets/fixed.js';
import { notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import type { Query } from '../request/paging.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import type { AmountTotal, CustomerStatsView, MarginView, StatsRange, StatsTotals, VendorStatsView } from './vendor-types.js';
import { vendorById } from './vendors.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INTERVALS = ['day', 'month'] as const;
/** The period of a row of `usage_days`, by interval. */
const PERIOD = { none: "''", day: 'day', month: 'substr(day, 1, 7)' } as const;

interface SumRow {
  period: string;
  cost: number;
  currency: string;
  scale: number;
  units: bigint;
  events: bigint;
}

/** 2026-02-30 matches the pattern but is no day (Date would roll it over, or be invalid). */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

function readDay(fields: Fields, query: Query, key: string): string | undefined {
  const raw = query[key];
  if (raw === undefined || raw === '') return undefined;
  const valid = typeof raw === 'string' && DAY.test(raw) && isCalendarDay(raw);
  if (valid) return raw;
  fields.fail(key, `${key} ${show(raw)} is not a date YYYY-MM-DD (stats are kept per UTC day)`);
  return undefined;
}

/** `?from=&to=` (inclusive UTC days, default all time) and `?interval=day|month`; 422 otherwise. */
export function readStatsRange(query: Query | undefined): StatsRange {
  const q = query ?? {};
  const fields = Fields.of({});
  const from = readDay(fields, q, 'from');
  const to = readDay(fields, q, 'to');
  if (from && to && from > to) fields.fail('to', `to ${to} is before from ${from}`);
  const interval = q.interval;
  const known = interval === undefined || interval === '' || (INTERVALS as readonly unknown[]).includes(interval);
  if (!known) fields.fail('interval', `interval ${show(interval)} is not one of ${INTERVALS.join(', ')}`);
  fields.done();
  return { from: from ?? null, to: to ?? null, interval: (known && interval ? interval : null) as StatsRange['interval'] };
}

const WHERE_RANGE = "day >= coalesce(?, '') AND day <= coalesce(?, '9999')";

/**
 * The rows in range, summed per period, kind, currency and scale, units as BigInt. SQLite
 * sums them while every row fits 18 digits (its sum() raises on overflow rather than
 * rounding); otherwise the rows are added here. Either way the result is exact.
 */
function sumsOf(store: Store, where: string, key: string | number, range: StatsRange): SumRow[] {
  const period = PERIOD[range.interval ?? 'none'];
  const from = `FROM usage_days WHERE ${where} AND ${WHERE_RANGE}`;
  const summed = `SELECT ${period} AS period, vendor_seq > 0 AS cost, currency, scale, sum(CAST(units AS INTEGER)) AS units, sum(events) AS events, max(length(units)) AS widest ${from} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`;
  try {
    const rows = store.stmt(summed).safeIntegers(true).all(key, range.from, range.to) as (Omit<SumRow, 'cost' | 'scale'> & { cost: bigint; scale: bigint; widest: bigint })[];
    if (rows.every((r) => r.widest <= 18n)) return rows.map((r) => ({ ...r, cost: Number(r.cost), scale: Number(r.scale) }));
  } catch (error) {
    if (!(error instanceof Error && /integer overflow/i.test(error.message))) throw error;
  }
  const sums = new Map<string, SumRow>();
  const rows = store.stmt(`SELECT ${period}, vendor_seq > 0, currency, scale, units, events ${from} ORDER BY 1`).raw().iterate(key, range.from, range.to) as IterableIterator<
    [string, number, string, number, string, number]
  >;
  for (const [p, cost, currency, scale, units, events] of rows) {
    const id = `${p} ${cost} ${currency} ${scale}`;
    const sum = sums.get(id);
    if (sum) {
      sum.units += BigInt(units);
      sum.events += BigInt(events);
    } else sums.set(id, { period: p, cost, currency, scale, units: BigInt(units), events: BigInt(events) });
  }
  return [...sums.values()];
}

/**
 * Rows of one kind summed per currency, in currency order: units added as BigInt per scale
 * (a currency may appear at two), turned into a Decimal once at the end.
 */
function totals(rows: readonly SumRow[]): AmountTotal[] {
  const sums = new Map<string, { units: Map<number, bigint>; events: number }>();
  for (const row of rows) {
    let sum = sums.get(row.currency);
    if (!sum) sums.set(row.currency, (sum = { units: new Map(), events: 0 }));
    sum.units.set(row.scale, (sum.units.get(row.scale) ?? 0n) + row.units);
    sum.events += Number(row.events);
  }
  return [...sums.keys()].sort().map((currency) => {
    const { units, events } = sums.get(currency)!;
    let amount = new Decimal(0);
    for (const [scale, n] of units) amount = amount.add(new Decimal(fixedText(n, scale)));
    return { currency, amount, events };
  });
}

function totalsOf(rows: readonly SumRow[]): StatsTotals {
  const revenue = totals(rows.filter((r) => r.cost === 0));
  const costs = totals(rows.filter((r) => r.cost === 1));
  const margin: MarginView[] = [];
  for (const r of revenue) {
    const c = costs.find((x) => x.currency === r.currency);
    if (c) margin.push({ currency: r.currency, revenue: r.amount, cost: c.amount, margin: r.amount.sub(c.amount) });
  }
  return { revenue, costs, margin };
}

function byPeriod(rows: readonly SumRow[]): Map<string, SumRow[]> {
  const periods = new Map<string, SumRow[]>();
  for (const row of rows) {
    const list = periods.get(row.period);
    if (list) list.push(row);
    else periods.set(row.period, [row]);
  }
  return periods;
}

/** `GET /customers/{id}/stats`: revenue, costs and margin over a range, per period if asked. */
export function customerStats(store: Store, customerId: string, query?: Query): CustomerStatsView {
  const range = readStatsRange(query);
  if (!store.stmt('SELECT 1 FROM customers WHERE id = ?').get(customerId)) throw notFound('customer', customerId);
  const rows = sumsOf(store, 'customer_id = ?', customerId, range);
  // The whole range is the sum of its periods: one read serves both.
  const whole = totalsOf(rows);
  if (!range.interval) return { customer_id: customerId, ...range, ...whole };
  const periods = [...byPeriod(rows)].map(([period, list]) => ({ period, ...totalsOf(list) }));
  return { customer_id: customerId, ...range, ...whole, periods };
}

/** `GET /vendors/{id}/stats`: the vendor's costs over a range, per period if asked. */
export function vendorStats(store: Store, vendorId: string, query?: Query): VendorStatsView {
  const range = readStatsRange(query);
  const vendor = vendorById(store, vendorId);
  if (!vendor) throw notFound('vendor', vendorId);
  const where = 'vendor_seq > 0 AND vendor_seq = ?';
  const rows = sumsOf(store, where, vendor.seq, range);
  const costs = totals(rows);
  if (!range.interval) return { vendor_id: vendorId, ...range, costs };
  const periods = [...byPeriod(rows)].map(([period, list]) => ({ period, costs: totals(list) }));
  return { vendor_id: vendorId, ...range, costs, periods };
}
