import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isProblem, testApp, type TestApp } from './app-fixture.js';

const TOKENS =
  '{"code":"chat_api","name":"Chat API","publish":true,"prices":[' +
  '{"name":"Input tokens","type":"usage_based","billing_model":{"type":"real_time"},' +
  '"usage_calculation":{"event_type":"response_completed","usage_type":"volume","volume_field":"input_tokens"},' +
  '"pricing":[{"asset":"USD","values":[{"volume_rate":1.25,"package_size":1000000}]}]},' +
  '{"name":"Output tokens","type":"usage_based","billing_model":{"type":"real_time"},' +
  '"usage_calculation":{"event_type":"response_completed","usage_type":"volume","volume_field":"output_tokens"},' +
  '"pricing":[{"asset":"USD","values":[{"volume_rate":10,"package_size":1000000}]}]}]}';

async function billedCustomer(t: TestApp) {
  const product = await t.call('POST', '/products', TOKENS);
  const customer = await t.call('POST', '/customers', { name: 'Chatty', external_id: 'chatty', subscriptions: [{ products: [{ code: 'chat_api' }] }] });
  await t.call('POST', `/customers/${customer.body.id}/wallet/adjustments`, {
    transaction_id: randomUUID(),
    asset: 'USD',
    amount: 20,
    reason: 'external_topup',
  });
  return { productId: product.body.id as string, customerId: customer.body.id as string };
}

describe('event routes', () => {
  it('bills events, answers duplicates and conflicts, and reads them back digit for digit', async () => {
    const t = testApp();
    const { productId, customerId } = await billedCustomer(t);
    const id = '0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90';
    const body = `{"customer_external_id":"chatty","events":[{"id":"${id}","event_type":"response_completed","occurred_at":"2026-01-01T00:00:00Z","subject":"resp_77","data":{"input_tokens":1000000,"output_tokens":1000000,"model":"gpt-x"}}]}`;
    const posted = await t.call('POST', '/events', body);
    expect(posted.status).toBe(201);
    expect(posted.headers['content-type']).toBe('application/json; charset=utf-8');
    const fee = (name: string, amount: string) =>
      `{"product_id":"${productId}","product_code":"chat_api","product_version":1,"price_name":"${name}","asset":"USD",` +
      `"amount":${amount},"account_id":"default:USD","dimensions":{},"quantity":1000000}`;
    const fees = `[${fee('Input tokens', '1.25')},${fee('Output tokens', '10')}]`;
    expect(posted.text).toBe(`{"events":[{"id":"${id}","status":"accepted","fees":${fees}}]}`);
    expect((await t.call('GET', `/customers/${customerId}/wallet/default:USD`)).text).toContain('"available":8.75,');

    const again = await t.call('POST', '/events', body);
    expect(again.status).toBe(201);
    expect(again.text).toBe(`{"events":[{"id":"${id}","status":"duplicate","fees":${fees}}]}`);
    const conflict = await t.call('POST', '/events', body.replace('resp_77', 'resp_78'));
    expect(conflict.text).toBe(`{"events":[{"id":"${id}","status":"conflict","fees":[]}]}`);
    expect((await t.call('GET', `/customers/${customerId}/wallet/default:USD`)).text).toContain('"available":8.75,');

    const event = await t.call('GET', `/events/${id.toUpperCase()}`);
    expect(event.status).toBe(200);
    expect(event.text).toBe(
      `{"id":"${id}","customer_id":"${customerId}","event_type":"response_completed","occurred_at":"2026-01-01T00:00:00.000Z",` +
        '"received_at":"2026-01-01T00:00:00.000Z","subject":"resp_77","description":null,' +
        `"data":{"input_tokens":1000000,"output_tokens":1000000,"model":"gpt-x"},"costs":[],"fees":${fees}}`,
    );
    isProblem(await t.call('GET', `/events/${randomUUID()}`), 404, 'not_found');
    expect(t.engine.verify()).toEqual([]);
  });

  it('answers each event billed or not instead of its fees when the request prefers return=minimal', async () => {
    const t = testApp();
    await billedCustomer(t);
    const [a, b] = [randomUUID(), randomUUID()];
    const event = (id: string, type: string) => `{"id":"${id}","event_type":"${type}","data":{"input_tokens":1000,"output_tokens":10}}`;
    const body = `{"customer_external_id":"chatty","events":[${event(a, 'response_completed')},${event(b, 'unpriced')}]}`;
    const posted = await t.call('POST', '/events', body, { prefer: 'respond-async, RETURN="minimal"; x=1' });
    expect(posted.status).toBe(201);
    expect(posted.headers['preference-applied']).toBe('return=minimal');
    expect(posted.text).toBe(`{"events":[{"id":"${a}","status":"accepted","billed":true},{"id":"${b}","status":"accepted","billed":false}]}`);
    const again = await t.call('POST', '/events', body, { prefer: 'return=minimal' });
    expect(again.text).toBe(`{"events":[{"id":"${a}","status":"duplicate","billed":true},{"id":"${b}","status":"duplicate","billed":false}]}`);
    // New events with a copy of one, an id stored, and a changed body: every status at once.
    const [c, d] = [randomUUID(), randomUUID()];
    const changed = `{"id":"${a}","event_type":"response_completed","data":{"input_tokens":1}}`;
    const mixed = `{"customer_external_id":"chatty","events":[${event(c, 'response_completed')},${event(d, 'unpriced')},${event(c, 'response_completed')},${event(d, 'unpriced')},${event(b, 'unpriced')},${changed}]}`;
    const statuses = await t.call('POST', '/events', mixed, { prefer: 'return=minimal' });
    expect(statuses.text).toBe(
      `{"events":[{"id":"${c}","status":"accepted","billed":true},{"id":"${d}","status":"accepted","billed":false},` +
        `{"id":"${c}","status":"duplicate","billed":true},{"id":"${d}","status":"duplicate","billed":false},` +
        `{"id":"${b}","status":"duplicate","billed":false},{"id":"${a}","status":"conflict","billed":false}]}`,
    );
    // The same request in full answers the fees the minimal one summed up.
    const replayed = await t.call('POST', '/events', mixed);
    const answered = (replayed.body as { events: { status: string; fees: unknown[] }[] }).events;
    expect(answered.map((e) => [e.status, e.fees.length > 0])).toEqual([
      ['duplicate', true], ['duplicate', false], ['duplicate', true], ['duplicate', false], ['duplicate', false], ['conflict', false],
    ]);
    // Any other preference is ignored: the answer in full.
    const full = await t.call('POST', '/events', body, { prefer: 'return=representation' });
    expect(full.headers['preference-applied']).toBeUndefined();
    expect(full.text).toContain('"status":"duplicate","fees":[{');
    expect(t.engine.verify()).toEqual([]);
  });

  it('lists events newest first with filters', async () => {
    const t = testApp();
    const { customerId } = await billedCustomer(t);
    const other = (await t.call('POST', '/customers', { name: 'Other' })).body.id as string;
    const ids: string[] = [];
    for (const [customer, type, occurred] of [
      [customerId, 'response_completed', '2026-01-01T00:00:00Z'],
      [customerId, 'other', '2025-12-31T00:00:00Z'],
      [other, 'response_completed', '2025-12-30T00:00:00Z'],
    ]) {
      const id = randomUUID();
      ids.push(id);
      await t.call('POST', '/events', { customer_id: customer, events: [{ id, event_type: type, occurred_at: occurred }] });
      t.clock.advance(1000);
    }
    const all = await t.call('GET', '/events');
    expect(all.body).toMatchObject({ total_count: 3, limit: 20, offset: 0 });
    expect(all.body.items.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
    const mine = await t.call('GET', `/events?customer_id=${customerId}&limit=1`);
    expect(mine.body).toMatchObject({ total_count: 2, limit: 1 });
    expect(mine.body.items[0].id).toBe(ids[1]);
    const typed = await t.call('GET', `/events?event_type=response_completed&from=2025-12-31T00:00:00Z&to=2026-01-02T00:00:00Z`);
    expect(typed.body.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    isProblem(await t.call('GET', '/events?customer_id=cust_missing'), 404, 'not_found');
    const bad = isProblem(await t.call('GET', '/events?from=yesterday'), 422, 'validation_failed');
    expect(bad.errors).toEqual({ from: ['from "yesterday" is not an ISO-8601 date-time with a zone'] });
  });

  it('refuses bad batches with problem+json and stores nothing', async () => {
    const t = testApp();
    const { customerId } = await billedCustomer(t);
    const event = () => ({ id: randomUUID(), event_type: 'response_completed', data: { input_tokens: 10 } });
    const many = isProblem(await t.call('POST', '/events', { customer_id: customerId, events: Array.from({ length: 1001 }, event) }), 422, 'validation_failed');
    expect(many.errors).toEqual({ events: ['events must hold 1 to 1000 events, got 1001'] });
    const mixed = isProblem(
      await t.call('POST', '/events', { customer_id: customerId, events: [event(), { ...event(), data: { input_tokens: 'many' } }, { id: 'x' }] }),
      422,
      'validation_failed',
    );
    expect(Object.keys(mixed.errors)).toEqual(['events[2].id', 'events[2].event_type']);
    const volume = isProblem(await t.call('POST', '/events', { customer_id: customerId, events: [event(), { ...event(), data: { input_tokens: 'many' } }] }), 422, 'validation_failed');
    expect(Object.keys(volume.errors)).toEqual(['events[1].data.input_tokens']);
    const ahead = isProblem(await t.call('POST', '/events', { customer_id: customerId, events: [{ ...event(), occurred_at: '2026-01-03T00:00:00Z' }] }), 422, 'validation_failed');
    expect(Object.keys(ahead.errors)).toEqual(['events[0].occurred_at']);
    isProblem(await t.call('POST', '/events', { customer_id: 'cust_missing', events: [event()] }), 404, 'not_found');
    isProblem(await t.call('POST', '/events', '{"events":'), 400, 'bad_request');
    expect((await t.call('GET', '/events')).body.total_count).toBe(0);
    expect((await t.call('GET', `/customers/${customerId}/wallet/default:USD`)).text).toContain('"available":20,');
  });
});
