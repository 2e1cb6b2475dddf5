import type { Decimal } from '../../money/decimal.js';

/** A vendor: a source of cost that usage events name (Credyt publishes only `id`, `created_at`). */
export interface VendorView {
  id: string;
  name: string;
  external_id: string | null;
  created_at: string;
}

/** A sum of money in one asset or currency, and how many events it came from. */
export interface AmountTotal {
  currency: string;
  amount: Decimal;
  events: number;
}

/** Revenue and cost in one currency, where both exist: `margin = revenue - cost`. */
export interface MarginView {
  currency: string;
  revenue: Decimal;
  cost: Decimal;
  margin: Decimal;
}

/** What one period (or the whole range) adds up to. */
export interface StatsTotals {
  revenue: AmountTotal[];
  costs: AmountTotal[];
  margin: MarginView[];
}

/** One period of `?interval=`: a UTC day (`2026-01-05`) or month (`2026-01`). */
export interface StatsPeriod extends StatsTotals {
  period: string;
}

/** The range and grouping asked for: inclusive UTC days, null when open. */
export interface StatsRange {
  from: string | null;
  to: string | null;
  interval: 'day' | 'month' | null;
}

/**
 * `GET /customers/{id}/stats`: a local shape (Credyt has not published one). Revenue is
 * the fees charged, per asset; costs are the vendors' costs, per currency.
 */
export interface CustomerStatsView extends StatsRange, StatsTotals {
  customer_id: string;
  periods?: StatsPeriod[];
}

/** `GET /vendors/{id}/stats`: the costs events reported for this vendor (a local shape). */
export interface VendorStatsView extends StatsRange {
  vendor_id: string;
  costs: AmountTotal[];
  periods?: { period: string; costs: AmountTotal[] }[];
}
