import { Decimal, decimalText } from '../../money/decimal.js';
import { stringifyJson } from '../../json/write.js';
import { parseJsonDecimal } from '../../json/parse.js';
import { findAsset } from '../assets/asset-registry.js';
import { DEFAULT_ACCOUNT, ensureAccount, platformAccount } from '../ledger/accounts.js';
import { postEntry, type EntryKind, type Posting } from '../ledger/journal.js';
import { newId } from '../request/ids.js';
import { addInterval, isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';
import type { Interval } from '../catalog/pricing-types.js';
import { planOf, type Allowance, type AssetAmount, type Plan } from './plan.js';
import { subscriptionVersions, type SubscriptionRow } from './subscription-rows.js';

export type ChargeKind = 'paid' | 'fee' | 'refund' | 'proration';

/** The plan of the versions a subscription is on now; they were checked when subscribed to. */
export function currentPlan(store: Store, row: SubscriptionRow): Plan {
  const plan = planOf(subscriptionVersions(store, row.seq));
  if (typeof plan === 'string') throw new Error(`subscription ${row.id}: ${plan}`);
  return plan;
}

export function readFees(text: string): AssetAmount[] {
  return (parseJsonDecimal(text) as { asset: string; amount: Decimal }[]).map((f) => ({ asset: f.asset, amount: new Decimal(f.amount) }));
}

/** A part of a period: `remaining / length`, both in milliseconds. */
export interface PeriodPart {
  remaining: number;
  length: number;
}

/**
 * `amount × remaining / length` at the asset's precision, half-up (docs/subscriptions.md,
 * "Proration"): multiplied before it is divided, so only the final rounding drops digits.
 */
export function prorated(store: Store, fees: AssetAmount[], part: PeriodPart): AssetAmount[] {
  return fees.map(({ asset, amount }) => {
    const precision = findAsset(store, asset)?.precision ?? 6;
    const exact = part.length === 0 ? new Decimal(0) : amount.mul(part.remaining).div(part.length);
    return { asset, amount: exact.toDecimalPlaces(precision, Decimal.ROUND_HALF_UP) };
  });
}

/** What is left of the current period at the clock (none outside a period). */
export function remainingPart(store: Store, row: SubscriptionRow): PeriodPart {
  if (row.period_start === null || row.period_end === null) return { remaining: 0, length: 0 };
  const start = Date.parse(row.period_start);
  const end = Date.parse(row.period_end);
  const now = Math.min(Math.max(store.clock().getTime(), start), end);
  return { remaining: end - now, length: end - start };
}

/**
 * Moves a subscription's money in one journal entry and records it as a charge. `paid`:
 * the customer paid the first period outside the wallet, so the entry credits the
 * customer's account from `funding` and debits it to `revenue` (history shows both).
 * `fee`/`proration`: a debit to revenue (overdraft allowed). `refund`: a credit from revenue.
 */
export function postCharge(store: Store, row: SubscriptionRow, kind: ChargeKind, amounts: AssetAmount[]): void {
  const moving = amounts.filter((a) => !a.amount.isZero());
  if (moving.length === 0) return;
  const id = newId('subch', store.clock());
  const postings: Posting[] = [];
  for (const { asset, amount } of moving) {
    const account = ensureAccount(store, row.customer_id, DEFAULT_ACCOUNT, asset);
    const revenue = platformAccount(store, 'revenue', asset);
    if (kind === 'paid') {
      postings.push({ account, bucket: 'available', amount }, { account: platformAccount(store, 'funding', asset), bucket: 'available', amount: amount.neg() });
    }
    const sign = kind === 'refund' ? amount.neg() : amount;
    postings.push({ account, bucket: 'available', amount: sign.neg() }, { account: revenue, bucket: 'available', amount: sign });
  }
  const entryKind: EntryKind = kind === 'paid' ? 'subscription_paid' : kind === 'refund' ? 'subscription_refund' : 'subscription_fee';
  const rounding = kind === 'refund' || kind === 'proration' ? 'half_up' : undefined;
  const entryId = postEntry(store, { kind: entryKind, reference: id, postings, rounding });
  store
    .stmt('INSERT INTO subscription_charges (id, subscription_seq, kind, period_index, amounts, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, row.seq, kind, row.period_index ?? 0, stringifyJson(moving), entryId, isoText(store.clock()));
}

/** Credits one entitlement to the customer's account: a grant of its purpose, expiring at `expiresAt`. */
function grant(store: Store, row: SubscriptionRow, allowance: Allowance, expiresAt: Date | null): void {
  const now = store.clock();
  const id = newId('subgr', now);
  const account = ensureAccount(store, row.customer_id, DEFAULT_ACCOUNT, allowance.asset);
  const entryId = postEntry(store, {
    kind: 'subscription_grant',
    reference: id,
    postings: [
      { account, bucket: 'available', amount: allowance.amount },
      { account: platformAccount(store, 'entitlements', allowance.asset), bucket: 'available', amount: allowance.amount.neg() },
    ],
  });
  store
    .stmt('INSERT INTO subscription_grants (id, subscription_seq, asset, amount, purpose, expires_at, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(id, row.seq, allowance.asset, decimalText(allowance.amount), allowance.purpose, expiresAt ? isoText(expiresAt) : null, entryId, isoText(now));
}

/** Refreshing entitlements expire at the period end; one-offs after their own duration (or never). */
export function grantAllowances(store: Store, row: SubscriptionRow, plan: Plan, which: 'all' | 'refreshing'): void {
  const now = store.clock();
  for (const allowance of plan.allowances) {
    if (allowance.refreshes) grant(store, row, allowance, row.period_end ? new Date(row.period_end) : null);
    else if (which === 'all') grant(store, row, allowance, allowance.duration ? addInterval(now, allowance.duration.unit, allowance.duration.count) : null);
  }
}

/** Starts period 0 at the clock, anchored there, on `plan`'s period (none: no renewals). */
export function startPeriods(store: Store, row: SubscriptionRow, plan: Plan): SubscriptionRow {
  const now = store.clock();
  const next: SubscriptionRow = {
    ...row,
    interval: plan.period?.unit ?? null,
    interval_count: plan.period?.count ?? null,
    anchor_at: plan.period ? isoText(now) : null,
    period_index: plan.period ? 0 : null,
    period_start: plan.period ? isoText(now) : null,
    period_end: plan.period ? isoText(addInterval(now, plan.period.unit, plan.period.count)) : null,
    period_fees: stringifyJson(plan.fees),
  };
  savePeriod(store, next);
  return next;
}

export function savePeriod(store: Store, row: SubscriptionRow): void {
  store
    .stmt(
      `UPDATE subscriptions SET status = ?, activated_at = ?, ended_at = ?, cancel_at_period_end = ?, interval = ?, interval_count = ?,
         anchor_at = ?, period_index = ?, period_start = ?, period_end = ?, period_fees = ?, one_offs_due = ? WHERE seq = ?`,
    )
    .run(row.status, row.activated_at, row.ended_at, row.cancel_at_period_end, row.interval, row.interval_count, row.anchor_at, row.period_index, row.period_start, row.period_end, row.period_fees, row.one_offs_due, row.seq);
}

/**
 * Activates a pending (or fee-less, just made) subscription at the clock: period 0 starts,
 * its fees are posted as paid, every entitlement is granted, `subscription.activated` is
 * recorded. Call inside a write.
 */
export function activate(store: Store, row: SubscriptionRow): SubscriptionRow {
  const plan = currentPlan(store, row);
  const now = isoText(store.clock());
  const active = startPeriods(store, { ...row, status: 'active', activated_at: now, one_offs_due: 0 }, plan);
  postCharge(store, active, 'paid', plan.fees);
  grantAllowances(store, active, plan, 'all');
  recordWebhookEvent(store, 'subscription.activated', { customer_id: row.customer_id, subscription_id: row.id, occurred_at: now });
  return active;
}

/**
 * The renewal due at `row.period_end`, run with the clock pinned there: the next period
 * (anchor + k intervals), its fees debited, refreshing entitlements granted again (the
 * previous grant expired at this instant), or the end of a subscription cancelled at period end.
 */
export function renew(store: Store, row: SubscriptionRow): void {
  const at = row.period_end as string;
  if (row.cancel_at_period_end === 1) {
    savePeriod(store, { ...row, status: 'cancelled', ended_at: at });
    return;
  }
  if (row.interval === null || row.anchor_at === null) {
    // Changed to versions with no period: this one is the last; one-offs still due are granted.
    const last = { ...row, period_index: null, period_start: null, period_end: null, one_offs_due: 0 as const };
    savePeriod(store, last);
    if (row.one_offs_due === 1) grantAllowances(store, last, currentPlan(store, row), 'all');
    return;
  }
  const plan = currentPlan(store, row);
  const index = (row.period_index ?? 0) + 1;
  const anchor = new Date(row.anchor_at as string);
  const count = row.interval_count ?? 1;
  const next: SubscriptionRow = {
    ...row,
    period_index: index,
    period_start: at,
    period_end: isoText(addInterval(anchor, row.interval as Interval, (index + 1) * count)),
    period_fees: stringifyJson(plan.fees),
    one_offs_due: 0,
  };
  savePeriod(store, next);
  postCharge(store, next, 'fee', plan.fees);
  grantAllowances(store, next, plan, row.one_offs_due === 1 ? 'all' : 'refreshing');
}
