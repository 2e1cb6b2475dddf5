import { Decimal } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../json/parse.js';
import type { Entitlement, FixedPrice, Interval } from '../catalog/pricing-types.js';
import { versionPrices, type VersionRow } from '../catalog/product-lookup.js';

/** One amount of one asset. */
export interface AssetAmount {
  asset: string;
  amount: Decimal;
}

/** An entitlement as the billing reads it (docs/subscriptions.md, "Entitlements"). */
export interface Allowance {
  asset: string;
  amount: Decimal;
  purpose: 'bundled' | 'promotion';
  /** Granted again at every period start (expire_and_replace), expiring at the period end. */
  refreshes: boolean;
  /** How long a one-off grant lasts (null: it never expires); the period of a plan without a fixed fee. */
  duration: { unit: Interval; count: number } | null;
}

/** What a subscription's versions bill and grant, per period. */
export interface Plan {
  /** The fixed fees of one full period, summed per asset in order of first mention. */
  fees: AssetAmount[];
  /** The billing period: the fixed fee's interval, else a refreshing entitlement's duration; null: no renewals. */
  period: { unit: Interval; count: number } | null;
  allowances: Allowance[];
}

function allowanceOf(e: Entitlement): Allowance {
  // Stored JSON is read exactly: duration_count comes back a Decimal.
  const lifecycle = e.lifecycle as { duration?: Interval; duration_count?: unknown; refresh?: unknown } | undefined;
  const legacy = e.refresh as { interval?: Interval } | undefined;
  const purpose = e.purpose === 'promotion' ? 'promotion' : 'bundled';
  if (legacy?.interval) return { asset: e.asset, amount: e.amount, purpose, refreshes: true, duration: { unit: legacy.interval, count: 1 } };
  const duration = lifecycle?.duration ? { unit: lifecycle.duration, count: Number(lifecycle.duration_count ?? 1) } : null;
  return { asset: e.asset, amount: e.amount, purpose, refreshes: lifecycle?.refresh !== undefined && duration !== null, duration };
}

/**
 * The plan of a subscription's versions, or the reason it cannot be billed: fixed fees of
 * different intervals would need one period each, and a subscription has one.
 */
export function planOf(versions: VersionRow[]): Plan | string {
  const fees: AssetAmount[] = [];
  let period: Plan['period'] = null;
  const allowances: Allowance[] = [];
  for (const version of versions) {
    for (const price of versionPrices(version)) {
      if (price.type !== 'fixed') continue;
      const interval = (price as FixedPrice).billing_model.recurring.interval;
      if (period && period.unit !== interval) return `fixed fees billed every ${period.unit} and every ${interval} cannot share one subscription`;
      period ??= { unit: interval, count: 1 };
      for (const entry of price.pricing) {
        const amount = entry.values[0]?.unit_price;
        if (!amount || amount.isZero()) continue;
        const same = fees.find((f) => f.asset === entry.asset);
        if (same) same.amount = same.amount.add(amount);
        else fees.push({ asset: entry.asset, amount: new Decimal(amount) });
      }
    }
    allowances.push(...(parseJsonDecimal(version.entitlements) as Entitlement[]).map(allowanceOf));
  }
  if (!period) period = allowances.find((a) => a.refreshes)?.duration ?? null;
  return { fees, period, allowances };
}

/** True when subscribing must wait for the first period's payment. */
export function needsPayment(plan: Plan): boolean {
  return plan.fees.length > 0;
}
