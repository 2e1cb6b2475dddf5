import { describe, expect, it } from 'vitest';
import { CredytClient } from '../../../src/client/client.js';
import { ApiError } from '../../../src/errors.js';
import { createEmbeddedTransport } from '../../../src/server/in-process/embedded-transport.js';
import { mockApi } from './mock-api.js';

// `postEventBatch`: a batch already written as JSON goes out inside the envelope, as is.

let api: ReturnType<typeof mockApi>;

const EVENTS = '[{"id":"0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90","event_type":"chat","data":{"tokens":12345678901234567890.5}}]';

// mockApi checks for unused interceptors and closes its agent when each test ends.
describe('CredytClient.postEventBatch over HTTP', () => {
  it('sends the events text inside the envelope, every digit as given, and answers the body', async () => {
    api = mockApi({ apiKey: 'key_test_abcdefghijklmnop' });
    const answer = '{"events":[{"id":"0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90","status":"accepted","fees":[]}]}';
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(201, answer));
    const res = await api.client.postEventBatch({ customer_external_id: 'acme "east" ü' }, EVENTS);
    expect(api.seen[0].body).toBe(`{"customer_external_id":"acme \\"east\\" ü","events":${EVENTS}}`);
    expect(api.seen[0].headers['content-type']).toBe('application/json');
    expect(res.body).toBe(answer);
    // Over HTTP nothing is read for the caller: it scans the body itself.
    expect(res.events).toBeUndefined();
  });

  it('asks for the minimal answer (Prefer: return=minimal) only when told', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(201, '{"events":[]}'));
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(201, '{"events":[]}'));
    await api.client.postEventBatch({ customer_id: 'cust_1' }, '[]', true);
    await api.client.postEventBatch({ customer_id: 'cust_1' }, '[]');
    expect(api.seen.map((s) => s.headers.prefer)).toEqual(['return=minimal', undefined]);
  });

  it('names the customer by id, and is retried: every event carries its idempotency key', async () => {
    api = mockApi({ maxRetries: 1 });
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(503, '{"status":503}'));
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(201, '{"events":[]}'));
    await api.client.postEventBatch({ customer_id: 'cust_1' }, '[]');
    expect(api.seen.map((s) => s.body)).toEqual(['{"customer_id":"cust_1","events":[]}', '{"customer_id":"cust_1","events":[]}']);
  });

  it('throws the 422 with the refused events named in its errors', async () => {
    api = mockApi();
    const problem = '{"status":422,"code":"validation_failed","detail":"bad","errors":{"events[0].event_type":["required"]}}';
    api.pool.intercept({ path: '/events', method: 'POST' }).reply(api.answer(422, problem));
    const error = await api.client.postEventBatch({ customer_id: 'cust_1' }, EVENTS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem?.errors).toEqual({ 'events[0].event_type': ['required'] });
  });
});

describe('CredytClient.postEventBatch in-process', () => {
  it('hands over the events the in-process answer already read, the same as its body says', async () => {
    const transport = createEmbeddedTransport({ dbPath: ':memory:' });
    try {
      const client = new CredytClient({ transport });
      await client.createProduct({
        code: 'chat',
        name: 'Chat',
        publish: true,
        prices: [
          {
            name: 'tokens',
            type: 'usage_based',
            billing_model: { type: 'real_time' },
            usage_calculation: { event_type: 'chat', usage_type: 'volume', volume_field: 'tokens' },
            pricing: [{ asset: 'USD', values: [{ volume_rate: 2, package_size: 1000 }] }],
          },
        ],
      });
      await client.createCustomer({ name: 'Acme', external_id: 'acme', subscriptions: [{ products: [{ code: 'chat' }] }] });
      const ids = ['0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90', '1f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c91'];
      const events = `[{"id":"${ids[0]}","event_type":"chat","data":{"tokens":1500}},{"id":"${ids[1]}","event_type":"other"}]`;
      const res = await client.postEventBatch({ customer_external_id: 'acme' }, events);
      expect(res.events?.ids).toEqual(ids);
      expect(res.events?.statuses).toEqual(['accepted', 'accepted']);
      const body = JSON.parse(res.body) as { events: { id: string; status: string; fees: unknown[] }[] };
      expect(body.events.map((e) => e.id)).toEqual(ids);
      expect(res.events?.fees).toEqual(body.events.map((e) => JSON.stringify(e.fees)));
      expect(body.events[1].fees).toEqual([]);
    } finally {
      await transport.close();
    }
  });
});
