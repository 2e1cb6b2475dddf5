import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { tempDir } from '../engine/fixture.js';

const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Bodies a hostile client sends; each must be refused with a 4xx (or accepted harmlessly). */
const HOSTILE: [string, string][] = [
  ['nested 5,000 deep', deep(5000)],
  ['arrays 100,000 deep', deepArray(100_000)],
  ['deep inside fields', `{"metadata":${deep(200)},"data":${deep(200)},"events":[{"data":${deep(200)}}],"prices":${deepArray(300)}}`],
  ['prototype members', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"metadata":{"__proto__":"x"}}'],
  ['not JSON', '{"a":'],
  ['a JSON array', '[]'],
  ['a JSON string', '"x"'],
  ['null', 'null'],
  ['an infinite number', '{"amount":1e999999,"asset":"USD","currency":"USD"}'],
  ['400 digits', `{"amount":${'9'.repeat(400)},"asset":"USD","currency":"USD"}`],
  ['amount text with a plus', '{"amount":"+5","asset":"USD","currency":"USD","reason":"external_topup"}'],
  ['control characters', '{"name":"\\u0000\\u007f\u007f","code":"\\ud800"}'],
  ['a repeated member', '{"name":"a","name":"b"}'],
  ['50,000 members', `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`],
  ['a 5 MB string', `{"name":"${'x'.repeat(5_000_000)}"}`],
  ['over the body limit', `{"name":"${'x'.repeat(10 * 1024 * 1024)}"}`],
];

describe('hostile bodies to every write route', () => {
  let server: RunningServer;
  let cleanup = () => {};
  let headers: Record<string, string>;
  const ids: Record<string, string> = {};

  const call = async (method: string, path: string, body?: string, extra: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { ...headers, ...extra }, body });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const json = async (method: string, path: string, body: unknown) => JSON.parse((await call(method, path, JSON.stringify(body))).text);

  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'grid.db') });
    headers = { 'X-CREDYT-API-KEY': server.apiKey, 'content-type': 'application/json' };
    await json('POST', '/assets', { code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: 0.01 }] });
    const product = await json('POST', '/products', {
      code: 'p', name: 'P', publish: true,
      prices: [{ name: 'Calls', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'call', usage_type: 'unit' }, pricing: [{ asset: 'USD', values: [{ unit_price: 0.1 }] }] }],
    });
    ids.product = product.id;
    ids.customer = (await json('POST', '/customers', { name: 'C', external_id: 'c', subscriptions: [{ products: [{ code: 'p' }] }] })).id;
    await json('POST', `/customers/${ids.customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 100, reason: 'external_topup' });
    ids.event = randomUUID();
    await json('POST', '/events', { customer_external_id: 'c', events: [{ id: ids.event, event_type: 'call' }] });
    ids.hold = randomUUID();
    await json('POST', `/customers/${ids.customer}/wallet/holds`, { hold_id: ids.hold, asset: 'USD', amount: 1 });
    ids.topUp = (await json('POST', '/top-ups', { customer_id: ids.customer, amount: 5, currency: 'USD', return_url: 'https://a/ok', failure_url: 'https://a/no' })).id;
    const session = await json('POST', '/billing-portal/sessions', { customer_id: ids.customer, return_url: 'https://a/ok', failure_url: 'https://a/no' });
    const portal = new URL(session.redirect_url);
    ids.portal = portal.pathname + portal.search;
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  const writes = () => [
    '/assets', '/assets/TOK/rates', '/assets/TOK/quote', '/customers', `/customers/${ids.customer}/subscriptions`,
    `/customers/${ids.customer}/wallet/adjustments`, `/customers/${ids.customer}/wallet/holds`,
    `/customers/${ids.customer}/wallet/holds/${ids.hold}/capture`, `/customers/${ids.customer}/wallet/holds/${randomUUID()}/void`,
    '/top-ups', `/top-ups/${ids.topUp}/fail`, '/products', `/products/${ids.product}`, `/products/${ids.product}/1/simulate-usage`,
    '/events', '/billing-portal/sessions', '/portal/top-ups', `/checkout/${ids.topUp}/decline`,
  ];
  const reads = () => [
    '/accounts/self', '/assets', '/assets/TOK', '/assets/TOK/rates', '/customers', `/customers/${ids.customer}`,
    `/customers/${ids.customer}/wallet`, `/customers/${ids.customer}/wallet/default:USD`, `/customers/${ids.customer}/wallet/holds`,
    `/customers/${ids.customer}/wallet/holds/${ids.hold}`, `/customers/${ids.customer}/wallet/transactions`,
    `/customers/${ids.customer}/wallet/default:USD/grants`, `/top-ups/${ids.topUp}`, '/products', `/products/${ids.product}`,
    '/events', `/events/${ids.event}`, ids.portal,
  ];

  it('refuses each with a 4xx (never a 5xx), and every read answers 200 after', async () => {
    const fives: string[] = [];
    for (const path of writes()) {
      for (const [name, body] of HOSTILE) {
        const answer = await call('POST', path, body);
        if (answer.status >= 500 || answer.status < 200) fives.push(`${answer.status} POST ${path} (${name}): ${answer.text.slice(0, 200)}`);
        if (answer.status >= 400 && !path.startsWith('/portal') && !path.startsWith('/checkout')) {
          expect(answer.type, `POST ${path} (${name})`).toMatch(/^application\/json/);
        }
      }
    }
    expect(fives).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const path of reads()) {
      const answer = await call('GET', path);
      expect(answer.status, `GET ${path}: ${answer.text.slice(0, 200)}`).toBe(200);
    }
  }, 120_000);
});
