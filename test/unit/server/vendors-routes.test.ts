import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app-fixture.js';

const CHAT =
  '{"code":"chat","name":"Chat","publish":true,"prices":[{"name":"Message","type":"usage_based","billing_model":{"type":"real_time"},' +
  '"usage_calculation":{"event_type":"chat","usage_type":"unit"},"pricing":[{"asset":"USD","values":[{"unit_price":0.05}]}]}]}';

async function chatCustomer(t: TestApp): Promise<string> {
  await t.call('POST', '/products', CHAT);
  const customer = await t.call('POST', '/customers', { name: 'Acme', external_id: 'acme', subscriptions: [{ products: [{ code: 'chat' }] }] });
  const id = customer.body.id as string;
  await t.call('POST', `/customers/${id}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 10, reason: 'external_topup' });
  return id;
}

const event = (cost: string) =>
  `{"id":"${randomUUID()}","event_type":"chat","occurred_at":"2026-01-01T10:00:00Z","costs":[{"vendor_external_id":"openai","amount":${cost},"currency":"USD"}]}`;

describe('vendor routes', () => {
  it('creates vendors on both published paths and reads them back', async () => {
    const t = testApp();
    const openai = await t.call('POST', '/events/vendors', { name: 'OpenAI', external_id: 'openai' });
    expect(openai.status).toBe(201);
    expect(openai.text).toBe(`{"id":"${openai.body.id}","name":"OpenAI","external_id":"openai","created_at":"2026-01-01T00:00:00.000Z"}`);
    const google = await t.call('POST', '/vendors', { name: 'Google', external_id: 'google' });
    expect(google.status).toBe(201);
    expect((await t.call('GET', `/vendors/${openai.body.id}`)).text).toBe(openai.text);
    expect((await t.call('GET', '/vendors?external_id=openai')).text).toBe(openai.text);
    const list = await t.call('GET', '/vendors?limit=1');
    expect(list.body).toMatchObject({ items: [{ id: google.body.id }], total_count: 2, limit: 1, offset: 0 });
    expect((await t.call('POST', '/vendors', { name: 'Again', external_id: 'google' })).status).toBe(409);
    expect((await t.call('GET', '/vendors/vnd_nope')).status).toBe(404);
    expect((await t.call('GET', '/vendors?external_id=nope')).status).toBe(404);
    expect((await t.call('GET', '/vendors?external_id=')).status).toBe(422);
  });

  it('answers customer and vendor stats: 4 events at 0.05 USD costing 0.02 USD each', async () => {
    const t = testApp();
    const customer = await chatCustomer(t);
    const vendor = (await t.call('POST', '/vendors', { name: 'OpenAI', external_id: 'openai' })).body.id as string;
    const posted = await t.call('POST', '/events', `{"customer_id":"${customer}","events":[${[1, 2, 3, 4].map(() => event('0.02')).join(',')}]}`);
    expect(posted.status).toBe(201);

    const stats = await t.call('GET', `/customers/${customer}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.text).toBe(
      `{"customer_id":"${customer}","from":null,"to":null,"interval":null,"revenue":[{"currency":"USD","amount":0.2,"events":4}],` +
        '"costs":[{"currency":"USD","amount":0.08,"events":4}],"margin":[{"currency":"USD","revenue":0.2,"cost":0.08,"margin":0.12}]}',
    );
    const daily = await t.call('GET', `/vendors/${vendor}/stats?interval=day&from=2026-01-01&to=2026-01-31`);
    expect(daily.text).toBe(
      `{"vendor_id":"${vendor}","from":"2026-01-01","to":"2026-01-31","interval":"day","costs":[{"currency":"USD","amount":0.08,"events":4}],` +
        '"periods":[{"period":"2026-01-01","costs":[{"currency":"USD","amount":0.08,"events":4}]}]}',
    );
    const bad = await t.call('GET', `/customers/${customer}/stats?interval=week`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('interval \\"week\\" is not one of day, month');
    expect((await t.call('GET', '/customers/cust_nope/stats')).status).toBe(404);
  });

  it('refuses events naming an unknown vendor, storing nothing', async () => {
    const t = testApp();
    const customer = await chatCustomer(t);
    const refused = await t.call('POST', '/events', `{"customer_id":"${customer}","events":[${event('0.02')}]}`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('events[0].costs[0].vendor_external_id');
    expect((await t.call('GET', `/events?customer_id=${customer}`)).body.total_count).toBe(0);
    expect((await t.call('GET', `/customers/${customer}/wallet/default:USD`)).text).toContain('"available":10,');
  });
});
