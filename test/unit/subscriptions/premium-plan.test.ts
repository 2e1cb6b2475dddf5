import { describe, expect, it } from 'vitest';
import { engineError, json, memoryEngine, testClock, uuid } from '../engine/fixture.js';
import type { Engine } from '../../../src/engine/index.js';
import { premiumPlan } from './premium-fixture.js';

const URLS = { return_url: 'https://glitch.ai/account', failure_url: 'https://glitch.ai/callbacks/credyt/failure' };

const balance = (engine: Engine, customer: string, account: string) => json(engine.getAccount(customer, account).available);

describe('the Premium plan: a fixed fee, a refreshing allowance, usage in credits', () => {
  it('pending → paid → 1,000 CREDIT; images draw it; each 31 days renews: CREDIT back to 1,000, USD down 20', () => {
    const engine = memoryEngine(testClock('2026-01-15T09:00:00.000Z'));
    premiumPlan(engine);
    const customer = engine.createCustomer({ name: 'Ada', subscriptions: [{ ...URLS, products: [{ code: 'premium_monthly_01' }] }] });
    const [sub] = customer.subscriptions;
    expect(sub.status).toBe('pending');
    expect(sub.required_actions).toEqual([{ type: 'payment', redirect_url: expect.stringMatching(new RegExp(`^http://127.0.0.1/pay/subscription/${sub.id}\\?token=`)) }]);
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('0');
    // Usage is not billed before the first period is paid.
    engine.postEvents({ customer_id: customer.id, events: [{ id: uuid(), event_type: 'image_generated' }] });
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('0');
    expect(engine.verify()).toEqual([]);

    const active = engine.subscriptions.complete(sub.id, 'http://127.0.0.1');
    expect(active).toMatchObject({ status: 'active', required_actions: [], current_period_start: '2026-01-15T09:00:00.000Z', current_period_end: '2026-02-15T09:00:00.000Z', next_charge_at: '2026-02-15T09:00:00.000Z' });
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('1000');
    expect(balance(engine, customer.id, 'default:USD')).toBe('0');
    expect(engine.listTransactions(customer.id).items.map((t) => t.type)).toEqual(['subscription_grant', 'subscription_paid']);
    expect(engine.verify()).toEqual([]);

    for (let i = 0; i < 3; i++) engine.postEvents({ customer_id: customer.id, events: [{ id: uuid(), event_type: 'image_generated' }] });
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('970');
    expect(engine.verify()).toEqual([]);

    const first = engine.subscriptions.clock.advance({ duration: 'P31D' });
    expect(first.processed).toEqual({ renewals: 1, grant_expiries: 1, top_up_expiries: 0 });
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('1000');
    expect(balance(engine, customer.id, 'default:USD')).toBe('-20');
    expect(engine.verify()).toEqual([]);

    engine.subscriptions.clock.advance({ duration: 'P31D' });
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('1000');
    expect(balance(engine, customer.id, 'default:USD')).toBe('-40');
    expect(engine.subscriptions.get(sub.id, 'http://127.0.0.1')).toMatchObject({ current_period_start: '2026-03-15T09:00:00.000Z', current_period_end: '2026-04-15T09:00:00.000Z' });
    const grants = engine.listGrants(customer.id, 'default:CREDIT').items;
    expect(grants.map((g) => [g.purpose, json(g.amount), json(g.remaining), json(g.expired_amount), g.expires_at])).toEqual([
      ['bundled', '1000', '1000', '0', '2026-04-15T09:00:00.000Z'],
      ['bundled', '1000', '0', '1000', '2026-03-15T09:00:00.000Z'],
      ['bundled', '1000', '0', '970', '2026-02-15T09:00:00.000Z'],
    ]);
    expect(engine.verify()).toEqual([]);
  });

  it('advancing twelve months at once charges twelve fees and refreshes twelve times', () => {
    const engine = memoryEngine(testClock('2026-01-31T00:00:00.000Z'));
    premiumPlan(engine);
    const customer = engine.createCustomer({ name: 'Ada', subscriptions: [{ ...URLS, products: [{ code: 'premium_monthly_01' }] }] });
    engine.subscriptions.complete(customer.subscriptions[0].id, 'http://127.0.0.1');
    const moved = engine.subscriptions.clock.advance({ duration: 'P12M' });
    expect(moved.processed).toEqual({ renewals: 12, grant_expiries: 12, top_up_expiries: 0 });
    expect(balance(engine, customer.id, 'default:USD')).toBe('-240');
    expect(balance(engine, customer.id, 'default:CREDIT')).toBe('1000');
    const fees = engine.listTransactions(customer.id, { type: 'subscription_fee', limit: 100 }).items;
    expect(fees).toHaveLength(12);
    // Periods count from the anchor: Jan 31, Feb 28, Mar 31, Apr 30 … never drifting to the 28th.
    expect(fees.map((f) => f.created_at.slice(0, 10)).reverse().slice(0, 4)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(engine.verify()).toEqual([]);
  });

  it('refuses a fixed fee without return and failure URLs, naming the field; nothing is written', () => {
    const engine = memoryEngine();
    premiumPlan(engine);
    const e = engineError(() => engine.createCustomer({ name: 'Ada', subscriptions: [{ products: [{ code: 'premium_monthly_01' }] }] }), 422, 'validation_failed');
    expect(Object.keys(e.errors ?? {})).toEqual(['subscriptions[0].return_url', 'subscriptions[0].failure_url']);
    expect(engine.listCustomers().total_count).toBe(0);
  });
});
