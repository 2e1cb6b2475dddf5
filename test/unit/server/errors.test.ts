import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from './app-fixture.js';

const UUID = '9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11';

describe('problem+json answers', () => {
  it('400 for malformed JSON and for a body that is not an object', async () => {
    const { call } = testApp();
    const bad = isProblem(await call('POST', '/customers', '{"name":'), 400, 'bad_request');
    expect(bad).toMatchObject({ status: 400, title: 'Bad Request', instance: '/customers' });
    expect(bad.detail).toMatch(/^Request body is not valid JSON: /);
    const array = isProblem(await call('POST', '/customers', '[1]'), 400, 'bad_request');
    expect(array.detail).toBe('Request body must be a JSON object, got an array');
  });

  it('reads the body as JSON whatever its content type says', async () => {
    const { call } = testApp();
    const answer = await call('POST', '/customers', '{"name":"Plain"}', { 'content-type': 'text/plain' });
    expect(answer.status).toBe(201);
  });

  it("names a parser for the CLI's application/json, so fastify remembers it instead of reading the header each time", async () => {
    const { app, call } = testApp();
    expect(app.hasContentTypeParser('application/json')).toBe(true);
    const bad = isProblem(await call('POST', '/customers', '{"name":', { 'content-type': 'application/json' }), 400, 'bad_request');
    expect(bad.detail).toMatch(/^Request body is not valid JSON: /);
    expect((await call('POST', '/customers', '{"name":"Json","metadata":{"n":"1"}}', { 'content-type': 'application/json' })).status).toBe(201);
  });

  it('401 without a valid key when keys are required; any header casing works', async () => {
    const { call, engine } = testApp({ requireApiKey: true });
    const key = engine.createApiKey();
    expect(isProblem(await call('GET', '/accounts/self'), 401, 'unauthorized').detail).toBe('Missing X-CREDYT-API-KEY header');
    expect(isProblem(await call('GET', '/accounts/self', undefined, { 'X-CREDYT-API-KEY': 'key_local_wrong' }), 401, 'unauthorized').detail).toBe(
      'Invalid API key',
    );
    expect((await call('GET', '/accounts/self', undefined, { 'x-Credyt-Api-Key': key })).status).toBe(200);
    expect((await call('GET', '/accounts/self', undefined, { 'X-CREDYT-API-KEY': key })).body).toMatchObject({ live_mode: false });
  });

  it('404 for unknown routes and unknown resources', async () => {
    const { call } = testApp();
    expect(isProblem(await call('GET', '/nowhere?x=1'), 404, 'not_found').detail).toBe('No route for GET /nowhere');
    expect(isProblem(await call('GET', '/customers/cust_missing'), 404, 'not_found').detail).toBe(
      'customer cust_missing was not found',
    );
    isProblem(await call('GET', '/assets/NOPE'), 404, 'not_found');
    isProblem(await call('GET', '/top-ups/top_missing'), 404, 'not_found');
  });

  it('409 for a taken external_id (with existing_id) and for a reused transaction_id', async () => {
    const { call } = testApp();
    const first = await call('POST', '/customers', { name: 'A', external_id: 'acme' });
    const dup = isProblem(await call('POST', '/customers', { name: 'B', external_id: 'acme' }), 409, 'conflict');
    expect(dup.existing_id).toBe(first.body.id);
    const url = `/customers/${first.body.id}/wallet/adjustments`;
    const body = { transaction_id: UUID, asset: 'USD', amount: '1', reason: 'gift' };
    const original = await call('POST', url, body);
    const replay = await call('POST', url, { ...body, amount: 1 });
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(original.text);
    isProblem(await call('POST', url, { ...body, amount: 2 }), 409, 'idempotency_conflict');
  });

  it('413 for a body over the limit', async () => {
    const { call } = testApp({ bodyLimit: 64 });
    const answer = await call('POST', '/customers', { name: 'x'.repeat(100) });
    isProblem(answer, 413, 'payload_too_large');
  });

  it('422 with errors keyed by field', async () => {
    const { call } = testApp();
    const customer = await call('POST', '/customers', { name: 'A' });
    await call('POST', '/assets', { code: 'TOK', name: 'T', precision: 0 });
    const answer = await call('POST', `/customers/${customer.body.id}/wallet/adjustments`, {
      transaction_id: UUID,
      asset: 'TOK',
      amount: '1.5',
      reason: 'gift',
    });
    const problem = isProblem(answer, 422, 'validation_failed');
    expect(problem).toMatchObject({
      type: 'https://tools.ietf.org/html/rfc4918#section-11.2',
      title: 'One or more validation errors occurred.',
      status: 422,
      detail: 'amount 1.5 has more than 0 decimal places (TOK has precision 0)',
      errors: { amount: ['amount 1.5 has more than 0 decimal places (TOK has precision 0)'] },
    });
    isProblem(await call('GET', '/customers?limit=101'), 422, 'validation_failed');
  });

  it('429 with Retry-After when too many requests are in flight', async () => {
    const { app, call } = testApp({ maxInFlight: 1 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    app.get('/test/held', async () => {
      await held;
      return {};
    });
    // A body still on its way holds no place: the read is answered.
    const slowBody = new PassThrough();
    const slow = app.inject({ method: 'POST', url: '/customers', payload: slowBody, headers: { 'content-type': 'application/json' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await call('GET', '/accounts/self')).status).toBe(200);
    slowBody.end('{"name":"Slow"}');
    expect((await slow).statusCode).toBe(201);
    // A request whose body has arrived is in flight until it is answered.
    const first = call('GET', '/test/held');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await call('GET', '/accounts/self');
    isProblem(refused, 429, 'rate_limited');
    release();
    expect((await first).status).toBe(200);
    expect(refused.headers['retry-after']).toBe('1');
    expect((await call('GET', '/accounts/self')).status).toBe(200);
  });
});
