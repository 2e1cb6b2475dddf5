import type { Engine } from '../../engine/index.js';
import type { Decimal } from '../../money/decimal.js';

/** What the payment page needs of a subscription: any view with these members will do. */
export interface PayableSubscription {
  id: string;
  customer_id: string;
  status: string;
  products: { code: string; version: number | string }[];
}

export interface Money {
  amount: Decimal;
  asset: string;
  precision: number;
}

export interface FeeLine extends Money {
  plan: string;
  name: string | null;
  /** `month`, `3 months`: how often the fee recurs. */
  every: string;
}

export interface AllowanceLine extends Money {
  plan: string;
  name: string | null;
  /** `replaced every month`, `expires after 2 weeks`, or '' for a grant without a schedule. */
  schedule: string;
}

export interface SubscriptionPaymentModel {
  subscription: PayableSubscription;
  customerName: string;
  /** `Premium Plan (premium@1)`, one per subscribed version. */
  plans: string[];
  fees: FeeLine[];
  /** The first period's fees per asset, as the engine will post them. */
  totals: Money[];
  allowances: AllowanceLine[];
  token: string;
  formToken: string;
  expiresAt: string;
  now: Date;
}

/** `month`, `3 months`. */
export function everyText(unit: unknown, count: unknown = 1): string {
  const n = typeof count === 'number' && count > 1 ? count : 1;
  const name = typeof unit === 'string' ? unit : 'period';
  return n === 1 ? name : `${n} ${name}s`;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** How an entitlement renews, in words: both published shapes (contract §2.6.8). */
function scheduleText(entitlement: Record<string, unknown>): string {
  const lifecycle = record(entitlement.lifecycle);
  const refresh = record(entitlement.refresh);
  if (lifecycle.duration !== undefined) {
    const span = everyText(lifecycle.duration, lifecycle.duration_count);
    return record(lifecycle.refresh).strategy === 'expire_and_replace' ? `replaced every ${span}` : `expires after ${span}`;
  }
  if (refresh.interval !== undefined) return `replaced every ${everyText(refresh.interval)}`;
  return '';
}

/**
 * The page's view of a subscription: the subscribed versions' fixed fees and bundled
 * allowances, and the first period's total, each amount at its asset's precision.
 */
export function buildSubscriptionPaymentModel(
  engine: Engine,
  subscription: PayableSubscription,
  firstFees: { asset: string; amount: Decimal }[],
  link: { token: string; expiresAt: string },
): SubscriptionPaymentModel {
  const precision = (code: string) => engine.getAsset(code).precision;
  const plans: string[] = [];
  const fees: FeeLine[] = [];
  const allowances: AllowanceLine[] = [];
  for (const { code, version } of subscription.products) {
    const product = engine.getProductByCode(code);
    const v = product.versions.find((x) => String(x.version) === String(version));
    const plan = `${v?.name ?? product.name} (${code}@${version})`;
    plans.push(plan);
    for (const price of v?.prices ?? []) {
      if (price.type !== 'fixed') continue;
      const recurring = record(price.billing_model.recurring);
      for (const entry of price.pricing) {
        for (const value of entry.values) {
          if (value.unit_price === undefined) continue;
          const every = everyText(recurring.interval, recurring.interval_count);
          fees.push({ plan, name: price.name ?? null, amount: value.unit_price, asset: entry.asset, precision: precision(entry.asset), every });
        }
      }
    }
    for (const e of v?.entitlements ?? []) {
      const name = typeof e.name === 'string' ? e.name : null;
      allowances.push({ plan, name, amount: e.amount, asset: e.asset, precision: precision(e.asset), schedule: scheduleText(e) });
    }
  }
  // What Pay pays is the engine's reckoning of the first period; the lines above explain it.
  const totals = firstFees.map((f) => ({ amount: f.amount, asset: f.asset, precision: precision(f.asset) }));
  return {
    subscription,
    customerName: engine.getCustomer(subscription.customer_id).name,
    plans,
    fees,
    totals,
    allowances,
    token: link.token,
    formToken: engine.portal.formToken(link.token),
    expiresAt: link.expiresAt,
    now: engine.clock(),
  };
}
