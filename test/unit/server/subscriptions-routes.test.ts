import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from './app-fixture.js';
import { premiumPlan } from '../subscriptions/premium-fixture.js';

const URLS = { return_url: 'https://glitch.ai/account', failure_url: 'https://glitch.ai/failed' };

describe('subscription and clock routes', () => {
  it('subscribe pending → pay link → complete → usage → advance: the Premium plan over HTTP', async () => {
    const t = testApp({ publicOrigin: 'http://127.0.0.1:4000' });
    premiumPlan(t.engine);
    const missing = isProblem(await t.call('POST', '/customers', { name: 'Ada', subscriptions: [{ products: [{ code: 'premium_monthly_01' }] }] }), 422, 'validation_failed');
    expect(Object.keys(missing.errors)).toEqual(['subscriptions[0].return_url', 'subscriptions[0].failure_url']);

    const created = await t.call('POST', '/customers', { name: 'Ada', subscriptions: [{ ...URLS, products: [{ code: 'premium_monthly_01' }] }] });
    expect(created.status).toBe(201);
    const customer = created.body.id as string;
    const sub = created.body.subscriptions[0];
    expect(sub.status).toBe('pending');
    const link = sub.required_actions[0].redirect_url as string;
    expect(link).toMatch(new RegExp(`^http://127.0.0.1:4000/pay/subscription/${sub.id}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    const token = new URL(link).searchParams.get('token') as string;
    expect(t.engine.portal.checkSubscriptionPayment(token)).toMatchObject({ status: 'valid', value: { subscription: { id: sub.id }, returnUrl: URLS.return_url } });
    expect(t.engine.portal.checkSubscriptionPayment(`${token}x`)).toEqual({ status: 'invalid' });

    // A fresh link on every read while pending.
    t.clock.advance(1000);
    const again = await t.call('GET', `/customers/${customer}`);
    expect(again.body.subscriptions[0].required_actions[0].redirect_url).not.toBe(link);

    const listed = await t.call('GET', `/subscriptions?customer_id=${customer}&status=pending`);
    expect(listed.body).toMatchObject({ total_count: 1, items: [{ id: sub.id, customer_id: customer }] });
    isProblem(await t.call('GET', '/subscriptions?status=paused'), 422, 'validation_failed');
    isProblem(await t.call('GET', '/subscriptions/sub_nope'), 404, 'not_found');

    const paid = await t.call('POST', `/subscriptions/${sub.id}/complete`);
    expect(paid.body).toMatchObject({ status: 'active', required_actions: [], cancel_at_period_end: false });
    expect(t.engine.portal.checkSubscriptionPayment(token).status).toBe('expired');
    isProblem(await t.call('POST', `/subscriptions/${sub.id}/complete`), 409, 'conflict');
    for (let i = 0; i < 3; i++) await t.call('POST', '/events', { customer_id: customer, events: [{ id: randomUUID(), event_type: 'image_generated' }] });

    isProblem(await t.call('POST', '/local/clock/advance', { duration: '31d' }), 422, 'validation_failed');
    const moved = await t.call('POST', '/local/clock/advance', { duration: 'P31D' });
    expect(moved.body).toMatchObject({ now: '2026-02-01T00:00:01.000Z', offset_seconds: 31 * 86_400, processed: { renewals: 1, grant_expiries: 1, top_up_expiries: 0 } });
    const wallet = await t.call('GET', `/customers/${customer}/wallet`);
    expect(wallet.text).toContain('"id":"default:CREDIT","name":"default","asset":"CREDIT","available":1000');
    expect(wallet.text).toContain('"id":"default:USD","name":"default","asset":"USD","available":-20');
    isProblem(await t.call('POST', '/local/clock/set', { to: '2026-01-01T00:00:00Z' }), 422, 'validation_failed');
    isProblem(await t.call('POST', '/local/clock/reset'), 409, 'conflict');
    expect((await t.call('GET', '/local/clock')).body).toMatchObject({ offset_seconds: 31 * 86_400 });

    const cancelled = await t.call('POST', `/subscriptions/${sub.id}/cancel`, { at_period_end: true });
    expect(cancelled.body).toMatchObject({ status: 'active', cancel_at_period_end: true, next_charge_at: null });
    isProblem(await t.call('POST', `/subscriptions/${sub.id}/cancel`, { prorate: 'yes' }), 422, 'validation_failed');
    expect(t.engine.verify()).toEqual([]);
  });
});
