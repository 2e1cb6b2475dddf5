import { stringifyJson } from '../../json/write.js';
import { conflict } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import { activate, grantAllowances, postCharge, prorated, readFees, remainingPart, savePeriod, startPeriods } from './billing.js';
import { readChoice, resolveChoices } from './subscriptions.js';
import { planOf } from './plan.js';
import { requireSubscription, subscriptionVersions, type SubscriptionRow } from './subscription-rows.js';

function refuse(row: SubscriptionRow, action: string): never {
  throw conflict(`subscription ${row.id} is ${row.status}; ${action}`);
}

/** Reads an optional boolean member; anything else is a 422 naming it. */
function flag(f: Fields, key: string): boolean {
  const raw = f.raw(key);
  if (raw === undefined) return false;
  if (typeof raw === 'boolean') return raw;
  f.fail(key, `${f.name(key)} must be true or false`);
  return false;
}

/** The first period paid (the payment page, or `complete` standing in for it). Only a pending subscription. */
export function completeSubscription(store: Store, id: string): void {
  store.write(() => {
    const row = requireSubscription(store, id);
    if (row.status !== 'pending') refuse(row, 'only a pending subscription can be paid');
    activate(store, row);
  });
}

/** The payment failed: the subscription is `failed` (final; subscribe again to retry). */
export function failSubscription(store: Store, id: string): void {
  store.write(() => {
    const row = requireSubscription(store, id);
    if (row.status !== 'pending') refuse(row, 'only a pending subscription can fail its payment');
    savePeriod(store, { ...row, status: 'failed', ended_at: isoText(store.clock()) });
  });
}

/**
 * `{at_period_end?, prorate?}`. Now: cancelled at once; with `prorate` the unused part of
 * the current period's fees is refunded. At period end: it renews no more and ends then.
 * A pending subscription is cancelled at once, nothing having been paid.
 */
export function cancelSubscription(store: Store, id: string, body: unknown): void {
  const f = Fields.of(body);
  const atPeriodEnd = flag(f, 'at_period_end');
  const prorate = flag(f, 'prorate');
  if (atPeriodEnd && prorate) f.fail('prorate', 'prorate applies to a cancellation now; at the period end nothing is left to refund');
  f.done();
  store.write(() => {
    const row = requireSubscription(store, id);
    if (row.status === 'failed' || row.status === 'cancelled') refuse(row, 'there is nothing to cancel');
    if (row.status === 'active' && atPeriodEnd && row.period_end !== null) {
      if (row.cancel_at_period_end === 1) refuse(row, 'it is already set to end at its period end');
      savePeriod(store, { ...row, cancel_at_period_end: 1 });
      return;
    }
    if (row.status === 'active' && prorate) postCharge(store, row, 'refund', prorated(store, readFees(row.period_fees), remainingPart(store, row)));
    savePeriod(store, { ...row, status: 'cancelled', ended_at: isoText(store.clock()) });
  });
}

/**
 * `{product: {code, version?}, prorate?}`: moves one product of the subscription to another
 * published version. Usage is billed from it at once. Fees and entitlements follow at the
 * next period start; with `prorate`, the unused part of the current fees is refunded and
 * the same part of the new fees charged now. A subscription with no period starts one now.
 */
export function changeSubscription(store: Store, id: string, body: unknown): void {
  const f = Fields.of(body);
  const product = f.object('product');
  if (!product && f.raw('product') === undefined) f.fail('product', 'product is required: {code, version?}');
  const prorate = flag(f, 'prorate');
  const choice = product ? readChoice(product) : undefined;
  store.write(() => {
    const row = requireSubscription(store, id);
    if (row.status !== 'active') refuse(row, 'only an active subscription can change version');
    const current = store
      .stmt('SELECT sp.position, sp.product_seq, sp.version, p.code FROM subscription_products sp JOIN products p ON p.seq = sp.product_seq WHERE sp.subscription_seq = ? ORDER BY sp.position')
      .all(row.seq) as { position: number; product_seq: number; version: number; code: string }[];
    const target = choice?.code === undefined ? undefined : current.find((c) => c.code.toLowerCase() === (choice.code as string).toLowerCase());
    if (choice?.code !== undefined && !target) product?.fail('code', `product.code ${JSON.stringify(choice.code)} is not a product of subscription ${row.id}`);
    const [resolved] = target && choice ? resolveChoices(store, null, [choice]) : [];
    if (resolved && target && resolved.version.version === target.version) product?.fail('version', `subscription ${row.id} is already on version ${target.version} of ${target.code}`);
    f.done();
    if (!resolved || !target) return;
    store.stmt('UPDATE subscription_products SET version = ? WHERE subscription_seq = ? AND position = ?').run(resolved.version.version, row.seq, target.position);
    // Checked after the update, inside the write: a refusal rolls the update back.
    const plan = planOf(subscriptionVersions(store, row.seq));
    if (typeof plan === 'string') f.fail('product', plan);
    f.done();
    if (typeof plan === 'string') return;
    if (row.period_end === null) {
      // Nothing to wait for: the new versions' period starts now, billed and granted as a renewal.
      const started = startPeriods(store, { ...row, one_offs_due: 0 }, plan);
      postCharge(store, started, 'fee', plan.fees);
      grantAllowances(store, started, plan, 'all');
      return;
    }
    let fees = row.period_fees;
    if (prorate) {
      const part = remainingPart(store, row);
      postCharge(store, row, 'refund', prorated(store, readFees(row.period_fees), part));
      postCharge(store, row, 'proration', prorated(store, plan.fees, part));
      fees = stringifyJson(plan.fees);
    }
    // Same period: the schedule goes on from its anchor (a Jan 31 anchor keeps renewing on
    // the 31st). Another period: the next one starts it, anchored at this period's end.
    const same = plan.period !== null && plan.period.unit === row.interval && plan.period.count === row.interval_count;
    savePeriod(store, {
      ...row,
      interval: plan.period?.unit ?? null,
      interval_count: plan.period?.count ?? null,
      anchor_at: same ? row.anchor_at : plan.period ? row.period_end : null,
      period_index: same ? row.period_index : -1,
      period_fees: fees,
      one_offs_due: 1,
    });
  });
}
