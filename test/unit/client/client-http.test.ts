import { describe, expect, it } from 'vitest';
import { ApiError, ExitCode, NetworkError } from '../../../src/errors.js';
import { Decimal } from '../../../src/money/decimal.js';
import { isLosslessNumber } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';
import { BASE, mockApi } from './mock-api.js';

let api: ReturnType<typeof mockApi>;

describe('CredytClient over HTTP (MockAgent)', () => {
  it('sends the key, Accept, User-Agent and no Content-Type without a body', async () => {
    api = mockApi({ apiKey: 'key_test_abcdefghijklmnop' });
    api.pool.intercept({ path: '/accounts/self' }).reply(api.answer(200, '{"id":"acc_1","live_mode":false}'));
    const self = await api.client.getSelf();
    expect(self).toEqual({ id: 'acc_1', live_mode: false });
    const h = api.seen[0].headers;
    expect(h['x-credyt-api-key']).toBe('key_test_abcdefghijklmnop');
    expect(h['accept']).toBe('application/json');
    expect(h['user-agent']).toBe('credyt/test node/test');
    expect(h['content-type']).toBeUndefined();
  });

  it('sends no key header when there is no key', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(200, '{"code":"TOK"}'));
    await api.client.getAsset('TOK');
    expect(api.seen[0].headers['x-credyt-api-key']).toBeUndefined();
  });

  it('keeps every digit of numbers both ways', async () => {
    api = mockApi();
    const big = '123456789012345678.123456789012345678';
    api.pool
      .intercept({ path: '/customers/cust_1/wallet/default:TOK' })
      .reply(api.answer(200, `{"id":"default:TOK","name":"default","asset":"TOK","available":${big},"pending_in":0.1}`));
    const account = await api.client.getAccount('cust_1', 'default:TOK');
    expect(isLosslessNumber(account.available)).toBe(true);
    expect(account.available.toString()).toBe(big);
    expect(stringifyJson(account)).toContain(`"available":${big}`);

    api.pool
      .intercept({ path: '/customers/cust_1/wallet/adjustments', method: 'POST' })
      .reply(api.answer(201, '{"id":"t1"}'));
    await api.client.createAdjustment('cust_1', {
      transaction_id: 't1',
      asset: 'TOK',
      amount: new Decimal(big),
      reason: 'gift',
    });
    expect(api.seen[1].body).toBe(`{"transaction_id":"t1","asset":"TOK","amount":${big},"reason":"gift"}`);
    expect(api.seen[1].headers['content-type']).toBe('application/json');
  });

  it('encodes path segments but keeps the colon of an account id', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/customers/a%2Fb/wallet/my%20acct:T%2FK' }).reply(api.answer(200, '{}'));
    await api.client.getAccount('a/b', 'my acct:T/K');
    api.pool.intercept({ path: '/assets?limit=5&offset=10' }).reply(api.answer(200, '{"items":[]}'));
    await api.client.listAssets({ limit: 5, offset: 10 });
  });

  it('honours a path prefix in the base URL', async () => {
    api = mockApi({ baseUrl: `${BASE}/v1/` });
    api.pool.intercept({ path: '/v1/top-ups/top_1' }).reply(api.answer(200, '{"id":"top_1","status":"initiated"}'));
    expect((await api.client.getTopUp('top_1')).status).toBe('initiated');
  });

  it('retries a 429 after the Retry-After wait, then succeeds', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(429, '{"title":"Too Many Requests"}', { 'retry-after': '2' }));
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(429, '', { 'retry-after': '3600' }));
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(200, '{"code":"TOK"}'));
    const asset = await api.client.getAsset('TOK');
    expect(asset.code).toBe('TOK');
    // 2 s as asked; a 1-hour request is capped at 60 s.
    expect(api.sleeps).toEqual([2000, 60_000]);
    expect(api.attempts.map((a) => [a.attempt, a.status, a.retryInMs])).toEqual([
      [1, 429, 2000],
      [2, 429, 60_000],
      [3, 200, undefined],
    ]);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    api = mockApi();
    const at = new Date(Date.now() + 5_000).toUTCString();
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(503, '', { 'retry-after': at }));
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(200, '{"code":"TOK"}'));
    await api.client.getAsset('TOK');
    expect(api.sleeps).toHaveLength(1);
    expect(api.sleeps[0]).toBeGreaterThan(3_000);
    expect(api.sleeps[0]).toBeLessThanOrEqual(5_000);
  });

  it('retries 5xx with exponential backoff and full jitter', async () => {
    api = mockApi();
    for (const status of [500, 502, 504]) {
      api.pool.intercept({ path: '/customers/cust_1' }).reply(api.answer(status, 'oops'));
    }
    api.pool.intercept({ path: '/customers/cust_1' }).reply(api.answer(200, '{"id":"cust_1"}'));
    expect((await api.client.getCustomer('cust_1')).id).toBe('cust_1');
    // random() = 0.5 of min(8000, 250·2^n): 125, 250, 500.
    expect(api.sleeps).toEqual([125, 250, 500]);
  });

  it('never retries a POST without an idempotency key', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/top-ups', method: 'POST' }).reply(api.answer(503, '{"title":"Service Unavailable","status":503}'));
    const err = await api.client
      .createTopUp({ customer_id: 'cust_1', amount: new Decimal('10'), currency: 'USD', return_url: 'https://a', failure_url: 'https://b' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).exitCode).toBe(ExitCode.Server);
    expect(api.seen).toHaveLength(1);
    expect(api.sleeps).toEqual([]);
  });

  it('retries an adjustment, which carries its idempotency key', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/customers/cust_1/wallet/adjustments', method: 'POST' }).reply(api.answer(502, ''));
    api.pool.intercept({ path: '/customers/cust_1/wallet/adjustments', method: 'POST' }).reply(api.answer(201, '{"id":"t1"}'));
    const adj = await api.client.createAdjustment('cust_1', {
      transaction_id: 't1',
      asset: 'USD',
      amount: new Decimal('1.5'),
      reason: 'gift',
    });
    expect(adj.id).toBe('t1');
    expect(api.seen.map((s) => s.body)).toEqual([api.seen[0].body, api.seen[0].body]);
  });

  it('gives up after maxRetries: 429 → exit 6, 5xx → exit 7', async () => {
    api = mockApi({ maxRetries: 2 });
    api.pool.intercept({ path: '/assets' }).reply(api.answer(429, '{"title":"Too many requests","status":429}', { 'retry-after': '1' })).times(3);
    const e6 = (await api.client.listAssets().catch((e: unknown) => e)) as ApiError;
    expect(e6).toBeInstanceOf(ApiError);
    expect(e6.exitCode).toBe(ExitCode.RateLimited);
    expect(e6.status).toBe(429);
    expect(e6.message).toBe('Too many requests');
    expect(e6.hint).toContain('wait 1s');
    expect(api.seen).toHaveLength(3);

    api.pool.intercept({ path: '/customers' }).reply(api.answer(500, '<html>boom</html>')).times(3);
    const e7 = (await api.client.listCustomers().catch((e: unknown) => e)) as ApiError;
    expect(e7.exitCode).toBe(ExitCode.Server);
    expect(e7.message).toBe(`HTTP 500 from ${BASE}/customers`);
    expect(api.seen).toHaveLength(6);
  });

  it('retries a connection error on a GET, then reports it as exit 8', async () => {
    api = mockApi({ maxRetries: 1 });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    api.pool.intercept({ path: '/assets/TOK' }).replyWithError(reset).times(2);
    const err = (await api.client.getAsset('TOK').catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.exitCode).toBe(ExitCode.Network);
    expect(err.message).toBe(`Connection to ${BASE} was closed during GET ${BASE}/assets/TOK (ECONNRESET) (after 2 attempts)`);
    expect(api.sleeps).toHaveLength(1);
  });

  it('maps each 4xx and 5xx to its exit code', async () => {
    api = mockApi({ maxRetries: 0, profileName: 'prod' });
    const table: [number, ExitCode][] = [
      [400, ExitCode.Validation],
      [401, ExitCode.Auth],
      [403, ExitCode.Auth],
      [404, ExitCode.NotFound],
      [409, ExitCode.Validation],
      [410, ExitCode.Validation],
      [422, ExitCode.Validation],
      [429, ExitCode.RateLimited],
      [500, ExitCode.Server],
      [503, ExitCode.Server],
    ];
    for (const [status, code] of table) {
      // A published read: a local-only one (GET /top-ups/{id}) answers 404/405 with exit 12.
      api.pool.intercept({ path: `/events/s${status}` }).reply(api.answer(status, ''));
      const err = (await api.client.getEvent(`s${status}`).catch((e: unknown) => e)) as ApiError;
      expect(err, String(status)).toBeInstanceOf(ApiError);
      expect([status, err.exitCode]).toEqual([status, code]);
      expect(err.status).toBe(status);
    }
  });

  it('says which profile to check on 401', async () => {
    api = mockApi({ apiKey: 'key_x', profileName: 'prod' });
    api.pool.intercept({ path: '/accounts/self' }).reply(api.answer(401, ''));
    const err = (await api.client.getSelf().catch((e: unknown) => e)) as ApiError;
    expect(err.exitCode).toBe(ExitCode.Auth);
    expect(err.message).toBe(`HTTP 401 from ${BASE}/accounts/self`);
    expect(err.hint).toBe('check the API key of profile "prod" or run `credyt login`');
  });

  it('builds one line from a validation problem and keeps the problem', async () => {
    api = mockApi();
    const problem = {
      type: 'https://tools.ietf.org/html/rfc4918#section-11.2',
      title: 'One or more validation errors occurred.',
      status: 422,
      code: 'validation_failed',
      errors: { amount: ['amount 1.5 has more than 0 decimal places (TOK has precision 0)'] },
    };
    api.pool.intercept({ path: '/customers/cust_1/wallet/adjustments', method: 'POST' }).reply(api.answer(422, JSON.stringify(problem)));
    const err = (await api.client
      .createAdjustment('cust_1', { transaction_id: 't', asset: 'TOK', amount: new Decimal('1.5'), reason: 'gift' })
      .catch((e: unknown) => e)) as ApiError;
    expect(err.exitCode).toBe(ExitCode.Validation);
    expect(err.message).toBe('amount: amount 1.5 has more than 0 decimal places (TOK has precision 0)');
    expect(err.problem?.code).toBe('validation_failed');
    expect(err.problem?.status).toBe(422);
  });

  it('finds a customer by external id as a single object', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/customers?external_id=acme%20inc' }).reply(api.answer(200, '{"id":"cust_9","external_id":"acme inc"}'));
    expect((await api.client.findCustomerByExternalId('acme inc')).id).toBe('cust_9');
  });

  it('finds a customer by external id in a paged list', async () => {
    api = mockApi();
    api.pool
      .intercept({ path: '/customers?external_id=acme' })
      .reply(api.answer(200, '{"items":[{"id":"cust_1","external_id":"other"},{"id":"cust_2","external_id":"acme"}],"total_count":2,"limit":20,"offset":0}'));
    expect(await api.client.resolveCustomer('acme')).toBe('cust_2');
  });

  it('reports an unknown customer as exit 4, from a 404 or an empty list', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/customers?external_id=acme' }).reply(api.answer(404, '{"title":"Not Found","status":404}'));
    const e1 = (await api.client.resolveCustomer('acme').catch((e: unknown) => e)) as ApiError;
    expect(e1.exitCode).toBe(ExitCode.NotFound);
    expect(e1.message).toBe('No customer with id or external id "acme"');

    api.pool.intercept({ path: '/customers?external_id=acme' }).reply(api.answer(200, '{"items":[],"total_count":0,"limit":20,"offset":0}'));
    const e2 = (await api.client.findCustomerByExternalId('acme').catch((e: unknown) => e)) as ApiError;
    expect(e2.exitCode).toBe(ExitCode.NotFound);
    expect(e2.message).toBe('No customer with external id "acme"');
  });

  it('takes a customer id as is, without a request', async () => {
    api = mockApi();
    expect(await api.client.resolveCustomer('cust_473cr1y0ghbyc3m1yfbwvn3nxx')).toBe('cust_473cr1y0ghbyc3m1yfbwvn3nxx');
    expect(api.seen).toHaveLength(0);
  });

  it('reports invalid JSON in a 2xx answer as a server error', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/assets/TOK' }).reply(api.answer(200, '{"code":'));
    const err = (await api.client.getAsset('TOK').catch((e: unknown) => e)) as ApiError;
    expect(err.exitCode).toBe(ExitCode.Server);
    expect(err.message).toContain(`Invalid JSON in the answer to GET ${BASE}/assets/TOK`);
  });

  it('sends quote and rate requests with exact amounts', async () => {
    api = mockApi();
    api.pool.intercept({ path: '/assets/TOK/quote', method: 'POST' }).reply(api.answer(200, '{"quantity":200}'));
    await api.client.quote('TOK', { source: 'USD', amount: new Decimal('10.10') });
    expect(api.seen[0].body).toBe('{"source":"USD","amount":10.1}');
    api.pool.intercept({ path: '/assets/TOK/rates', method: 'POST' }).reply(api.answer(201, '{"code":"TOK"}'));
    await api.client.addRate('TOK', { source: 'USD', inverse_rate: new Decimal('0.000000000000000001') });
    expect(api.seen[1].body).toBe('{"source":"USD","inverse_rate":0.000000000000000001}');
  });
});
