import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { mockApi } from './mock-api.js';

// `postEventBatch`: a batch already written as JSON goes out inside the envelope, as is.

let api: ReturnType<typeof mockApi>;

afterEach(async () => {
  api.agent.assertNoPendingInterceptors();
  await api.agent.close();
});

const EVENTS = '[{"id":"0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90","event_type":"chat","data":{"tokens":12345678901234567890.5}}]';

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
