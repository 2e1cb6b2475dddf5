import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { engineError, json, memoryEngine, testClock } from '../engine/fixture.js';
import type { Engine } from '../../../src/engine/index.js';
import { premiumPlan } from './premium-fixture.js';

const URLS = { return_url: 'https://glitch.ai/account', failure_url: 'https://glitch.ai/failed' };
const ORIGIN = 'http://127.0.0.1';
const usd = (engine: Engine, customer: string) => json(engine.getAccount(customer, 'default:USD').available);

function subscribed(engine: Engine, code = 'premium_monthly_01'): { customer: string; sub: string } {
  const c = engine.createCustomer({ name: 'Ada', subscriptions: [{ ...URLS, products: [{ code }] }] });
  return { customer: c.id, sub: c.subscriptions[0].id };
}

describe('subscription lifecycle', () => {
  it('records subscription.activated when paid, not when subscribed', () => {
    const engine = memoryEngine();
    premiumPlan(engine);
    const hook = engine.webhooks.create({ url: 'https://x.test', topics: ['subscription.activated'] });
    const { sub } = subscribed(engine);
    expect(engine.webhooks.deliveries(hook.id).items).toHaveLength(0);
    engine.subscriptions.complete(sub, ORIGIN);
    expect(engine.webhooks.deliveries(hook.id).items.map((d) => d.event_type)).toEqual(['subscription.activated']);
  });

  it('fail leaves it failed; paying a failed or cancelled subscription is a 409 that changes nothing', () => {
    const engine = memoryEngine();
    premiumPlan(engine);
    const { customer, sub } = subscribed(engine);
    expect(engine.subscriptions.fail(sub, ORIGIN)).toMatchObject({ status: 'failed', required_actions: [], next_charge_at: null });
    engineError(() => engine.subscriptions.complete(sub, ORIGIN), 409, 'conflict');
    // The product is free again: subscribing anew works.
    const again = engine.createSubscription(customer, { ...URLS, products: [{ code: 'premium_monthly_01' }] });
    engine.subscriptions.cancel(again.id, {}, ORIGIN);
    const e = engineError(() => engine.subscriptions.complete(again.id, ORIGIN), 409, 'conflict');
    expect(e.detail).toContain('cancelled');
    expect(usd(engine, customer)).toBe('0');
    expect(json(engine.getAccount(customer, 'default:CREDIT').available)).toBe('0');
    expect(engine.verify()).toEqual([]);
  });

  it('cancel at period end: no further fee, cancelled at the period end', () => {
    const engine = memoryEngine(testClock('2026-01-15T00:00:00.000Z'));
    premiumPlan(engine);
    const { customer, sub } = subscribed(engine);
    engine.subscriptions.complete(sub, ORIGIN);
    expect(engine.subscriptions.cancel(sub, { at_period_end: true }, ORIGIN)).toMatchObject({ status: 'active', cancel_at_period_end: true, next_charge_at: null });
    engineError(() => engine.subscriptions.cancel(sub, { at_period_end: true, prorate: true }, ORIGIN), 422, 'validation_failed');
    engine.subscriptions.clock.advance({ duration: 'P2M' });
    expect(engine.subscriptions.get(sub, ORIGIN)).toMatchObject({ status: 'cancelled', ended_at: '2026-02-15T00:00:00.000Z' });
    expect(usd(engine, customer)).toBe('0');
    expect(engine.verify()).toEqual([]);
  });

  it('cancel now with prorate refunds the unused part of the period, half-up at the precision', () => {
    const engine = memoryEngine(testClock('2026-01-15T00:00:00.000Z'));
    premiumPlan(engine);
    const { customer, sub } = subscribed(engine);
    engine.subscriptions.complete(sub, ORIGIN);
    engine.subscriptions.clock.advance({ duration: 'P15D' });
    engine.subscriptions.cancel(sub, { prorate: true }, ORIGIN);
    // 16 of the period's 31 days unused: 20 × 16/31 = 10.3225806… → 10.322581 (USD: 6 places).
    expect(usd(engine, customer)).toBe(json(new Decimal(20).mul(16).div(31).toDecimalPlaces(6, Decimal.ROUND_HALF_UP)));
    expect(usd(engine, customer)).toBe('10.322581');
    engine.subscriptions.clock.advance({ duration: 'P1M' });
    expect(usd(engine, customer)).toBe('10.322581');
    expect(engine.verify()).toEqual([]);
  });

  it('changing version: fees follow at the next period; with prorate the difference is settled now', () => {
    const engine = memoryEngine(testClock('2026-01-15T00:00:00.000Z'));
    premiumPlan(engine);
    engine.addProductVersion('premium_monthly_01', {
      name: 'Premium Plan v2',
      prices: [{ type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'month' } }, pricing: [{ asset: 'USD', values: [{ unit_price: 31 }] }] }],
      publish: true,
    });
    const plain = subscribed(engine);
    engine.subscriptions.complete(plain.sub, ORIGIN);
    const v2 = { product: { code: 'premium_monthly_01', version: 2 } };
    expect(engine.subscriptions.change(plain.sub, v2, ORIGIN).products[0].version).toBe(2);
    engineError(() => engine.subscriptions.change(plain.sub, v2, ORIGIN), 422, 'validation_failed');
    engineError(() => engine.subscriptions.change(plain.sub, { product: { code: 'nope' } }, ORIGIN), 422, 'validation_failed');
    engineError(() => engine.subscriptions.change(plain.sub, { product: { code: 'premium_monthly_01', version: 9 } }, ORIGIN), 422, 'validation_failed');
    engine.subscriptions.clock.advance({ duration: 'P31D' });
    expect(usd(engine, plain.customer)).toBe('-31');

    const prorated = subscribed(engine);
    engine.subscriptions.complete(prorated.sub, ORIGIN);
    engine.subscriptions.clock.advance({ duration: 'P3D' }); // Feb 18 of a Feb 15 – Mar 15 period: 25 of 28 days left
    engine.subscriptions.change(prorated.sub, { ...v2, prorate: true }, ORIGIN);
    // Refund 20 × 25/28, charge 31 × 25/28: a net charge of 11 × 25/28.
    const part = (n: number) => new Decimal(n).mul(25).div(28).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
    expect(usd(engine, prorated.customer)).toBe(json(part(20).sub(part(31))));
    expect(engine.verify()).toEqual([]);
  });
});

describe('the local clock', () => {
  it('refuses backwards moves and malformed durations, changing nothing', () => {
    const engine = memoryEngine(testClock('2026-01-15T00:00:00.000Z'));
    for (const duration of ['31d', 'P', 'PT', 'P0D', '-P1D', 'P1.5D', 'P1DT', 1, '', 'P101Y', 'P1000000D']) {
      const e = engineError(() => engine.subscriptions.clock.advance({ duration }), 422, 'validation_failed');
      expect(Object.keys(e.errors ?? {})).toEqual(['duration']);
    }
    engineError(() => engine.subscriptions.clock.set({ to: '2026-01-14T00:00:00Z' }), 422, 'validation_failed');
    engineError(() => engine.subscriptions.clock.set({ to: 'tomorrow' }), 422, 'validation_failed');
    engineError(() => engine.subscriptions.clock.set({ to: '2200-01-01T00:00:00Z' }), 422, 'validation_failed');
    expect(engine.subscriptions.clock.show()).toMatchObject({ now: '2026-01-15T00:00:00.000Z', offset_seconds: 0 });
    expect(engine.subscriptions.clock.set({ to: '2026-03-01T00:00:00Z' })).toMatchObject({ now: '2026-03-01T00:00:00.000Z', wall_time: '2026-01-15T00:00:00.000Z' });
    expect(engine.clock().toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('moves by exactly the duration however long the move takes on a running wall clock', () => {
    // Every read of the wall clock is a millisecond later, as on a real machine.
    const wall = testClock('2026-01-15T00:00:00.000Z');
    const ticking = Object.assign(() => {
      wall.advance(1);
      return wall();
    }, { advance: wall.advance, set: wall.set });
    const engine = memoryEngine(ticking);
    premiumPlan(engine);
    engine.subscriptions.complete(subscribed(engine).sub, ORIGIN);
    engine.subscriptions.clock.advance({ duration: 'P31D' });
    expect(engine.subscriptions.clock.show().offset_seconds).toBe(31 * 86_400);
    engine.subscriptions.clock.advance({ duration: 'P31D' });
    expect(engine.subscriptions.clock.show().offset_seconds).toBe(62 * 86_400);
  });

  it('resets to wall time only when nothing is dated ahead of it', () => {
    const engine = memoryEngine(testClock('2026-01-15T00:00:00.000Z'));
    engine.subscriptions.clock.advance({ duration: 'PT5H' });
    expect(engine.subscriptions.clock.reset()).toMatchObject({ now: '2026-01-15T00:00:00.000Z', offset_seconds: 0 });
    engine.subscriptions.clock.advance({ duration: 'P1W' });
    engine.createCustomer({ name: 'From the future' });
    const e = engineError(() => engine.subscriptions.clock.reset(), 409, 'conflict');
    expect(e.detail).toContain('1 customer is dated after wall time');
    engine.createCustomer({ name: 'Also from the future' });
    expect(engineError(() => engine.subscriptions.clock.reset(), 409, 'conflict').detail).toContain('2 customers are dated after wall time');
    expect(engine.subscriptions.clock.show().offset_seconds).toBe(7 * 86_400);
  });
});

describe('entitlements without a fixed fee', () => {
  it('a one-off allowance lasts duration × duration_count; a refreshing one sets the period', () => {
    const engine = memoryEngine(testClock('2026-01-31T00:00:00.000Z'));
    engine.createAsset({ code: 'CR', name: 'Credits', precision: 0 });
    const usage = { type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'img', usage_type: 'unit' }, pricing: [{ asset: 'CR', values: [{ unit_price: 1 }] }] };
    engine.createProduct({ code: 'once', name: 'Once', publish: true, prices: [usage], entitlements: [{ asset: 'CR', amount: 250, purpose: 'bundled', lifecycle: { duration: 'month', duration_count: 2 } }] });
    engine.createProduct({ code: 'weekly', name: 'Weekly', publish: true, prices: [usage], entitlements: [{ asset: 'CR', amount: 70, purpose: 'promotion', lifecycle: { duration: 'week', duration_count: 2, refresh: { strategy: 'expire_and_replace' } } }] });
    const c = engine.createCustomer({ name: 'Ada', subscriptions: [{ products: [{ code: 'once' }] }, { products: [{ code: 'weekly' }] }] });
    expect(c.subscriptions.map((s) => s.status)).toEqual(['active', 'active']);
    const grants = engine.listGrants(c.id, 'default:CR').items.map((g) => `${json(g.amount)} ${g.expires_at}`);
    expect(grants).toEqual(['70 2026-02-14T00:00:00.000Z', '250 2026-03-31T00:00:00.000Z']);
    expect(engine.subscriptions.get(c.subscriptions[1].id, ORIGIN)).toMatchObject({ next_charge_at: '2026-02-14T00:00:00.000Z' });
    expect(engine.subscriptions.clock.advance({ duration: 'P2M' }).processed).toEqual({ renewals: 4, grant_expiries: 5, top_up_expiries: 0 });
    expect(json(engine.getAccount(c.id, 'default:CR').available)).toBe('70');
    expect(engine.verify()).toEqual([]);
  });
});

describe('renewals on wall time', () => {
  it('a usage event after a period end finds the renewal already in the journal before it', () => {
    const clock = testClock('2026-01-15T00:00:00.000Z');
    const engine = memoryEngine(clock);
    premiumPlan(engine);
    const { customer, sub } = subscribed(engine);
    engine.subscriptions.complete(sub, ORIGIN);
    clock.advance(31 * 86_400_000);
    engine.postEvents({ customer_id: customer, events: [{ id: crypto.randomUUID(), event_type: 'image_generated' }] });
    // Journal order (grant expiries are written when the grants are next brought up to date).
    const kinds = engine.listTransactions(customer, { limit: 100 }).items.map((t) => t.type).filter((t) => t !== 'grant_expired').reverse();
    expect(kinds).toEqual(['subscription_paid', 'subscription_grant', 'subscription_fee', 'subscription_grant', 'usage_fees']);
    expect(json(engine.getAccount(customer, 'default:CREDIT').available)).toBe('990');
    expect(engine.verify()).toEqual([]);
  });
});

describe('a version change keeps the schedule', () => {
  it('anchored on Jan 31, changed before the Feb 28 renewal: still renews on Mar 31', () => {
    const engine = memoryEngine(testClock('2026-01-31T00:00:00.000Z'));
    premiumPlan(engine);
    engine.addProductVersion('premium_monthly_01', {
      name: 'Premium Plan v2',
      prices: [{ type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'month' } }, pricing: [{ asset: 'USD', values: [{ unit_price: 25 }] }] }],
      publish: true,
    });
    const { sub } = subscribed(engine);
    engine.subscriptions.complete(sub, ORIGIN);
    expect(engine.subscriptions.get(sub, ORIGIN).next_charge_at).toBe('2026-02-28T00:00:00.000Z');
    engine.subscriptions.change(sub, { product: { code: 'premium_monthly_01', version: 2 } }, ORIGIN);
    engine.subscriptions.clock.advance({ duration: 'P1M' }); // Feb 28: the change's first period
    expect(engine.subscriptions.get(sub, ORIGIN)).toMatchObject({ current_period_start: '2026-02-28T00:00:00.000Z', next_charge_at: '2026-03-31T00:00:00.000Z' });
    expect(engine.verify()).toEqual([]);
  });
});
