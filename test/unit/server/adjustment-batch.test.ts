import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { openLocalApp, type LocalApp } from '../../../src/server/local-app.js';
import { customerOf, readJournal, tempDir, testClock, uuid } from '../engine/fixture.js';
import { runMain } from '../../helpers/in-process.js';

// `POST /local/wallet-adjustments` (a local extension): each result is what the single
// route answers for that item alone, and the ledger is the one the single route leaves.

const BATCH = '/local/wallet-adjustments';
const single = (customerId: string) => `/customers/${encodeURIComponent(customerId)}/wallet/adjustments`;

type Item = Record<string, unknown> & { customer_id: string };

/** A ledger file with one customer and one adjustment already applied. */
function seededLedger(dir: string) {
  const path = join(dir, 'seed.db');
  const engine = openEngine({ path, clock: testClock() });
  const customerId = customerOf(engine);
  const earlier = { transaction_id: uuid(), asset: 'USD', amount: 3, reason: 'gift', description: 'welcome' };
  engine.applyAdjustment(customerId, earlier);
  engine.close();
  return { path, customerId, earlier };
}

/** Every kind of item a bulk top-up sends, in one list. */
function mixedItems(customerId: string, earlier: Record<string, unknown>): Item[] {
  const fresh = { customer_id: customerId, transaction_id: uuid(), asset: 'USD', amount: 10, reason: 'external_topup', description: 'line 1' };
  return [
    fresh,
    // Replays: of an item earlier in this batch, and of an adjustment applied before it.
    { ...fresh },
    { ...earlier, customer_id: customerId },
    // The same keys with another amount: 409 carrying the stored adjustment as `existing`.
    { ...earlier, customer_id: customerId, amount: 4 },
    { ...fresh, amount: 11 },
    { customer_id: 'cust_nobody', transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'external_topup' },
    { customer_id: customerId, transaction_id: uuid(), asset: 'USD', amount: -5, reason: 'external_topup' },
    { customer_id: customerId, transaction_id: 'not-a-uuid', asset: 'NOPE', amount: 'ten', reason: 'gift' },
    // A converted top-up: its exchange rate in the metadata.
    {
      customer_id: customerId,
      transaction_id: uuid(),
      asset: 'USD',
      amount: 10.825,
      reason: 'external_topup',
      metadata: { source_amount: '10', source_currency: 'EUR', exchange_rate: '1.0825', rate_source: 'override', order: 'o-7' },
    },
    { customer_id: customerId, transaction_id: uuid(), asset: 'USD', amount: -2.5, reason: 'charge' },
  ];
}

/** The item's body as the single route takes it: without customer_id. */
function publishedBody(item: Item): string {
  const { customer_id: _, ...body } = item;
  return JSON.stringify(body);
}

describe('POST /local/wallet-adjustments over HTTP (local serve)', () => {
  const running: RunningServer[] = [];
  let cleanup = () => {};
  afterEach(async () => {
    for (const server of running.splice(0)) await server.close();
    cleanup();
  });

  async function serve(path: string) {
    const server = await startServer({ dbPath: path, clock: testClock(), webhooks: false });
    running.push(server);
    const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { 'x-credyt-api-key': server.apiKey, 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', text: await res.text() };
    };
    const get = async (url: string) => (await fetch(`${server.url}${url}`, { headers: { 'x-credyt-api-key': server.apiKey } })).text();
    return { server, post, get };
  }

  /** Two copies of one seeded ledger, each served on 127.0.0.1. */
  async function twins() {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const seed = seededLedger(tmp.dir);
    const paths = { batched: join(tmp.dir, 'batched.db'), single: join(tmp.dir, 'single.db') };
    copyFileSync(seed.path, paths.batched);
    copyFileSync(seed.path, paths.single);
    return { ...seed, paths, batched: await serve(paths.batched), single: await serve(paths.single), dir: tmp.dir };
  }

  it('answers each item as the single route answers it alone, and leaves the same ledger', async () => {
    const t = await twins();
    const items = mixedItems(t.customerId, t.earlier);
    const batch = await t.batched.post(BATCH, JSON.stringify({ adjustments: items }));

    const results: string[] = [];
    for (const item of items) {
      const one = await t.single.post(single(item.customer_id), publishedBody(item));
      results.push(`{"status":${one.status},"replayed":${one.replayed},"body":${one.text}}`);
    }
    expect(batch.status).toBe(200);
    expect(batch.text).toBe(`{"results":[${results.join(',')}]}`);
    expect(JSON.parse(batch.text).results.map((r: { status: number; replayed: boolean }) => `${r.status}${r.replayed ? ' replayed' : ''}`)).toEqual([
      '201',
      '201 replayed',
      '201 replayed',
      '409',
      '409',
      '404',
      '422',
      '422',
      '201',
      '201',
    ]);
    const conflict = JSON.parse(batch.text).results[3].body;
    expect([conflict.code, conflict.existing.amount, conflict.existing.description]).toEqual(['idempotency_conflict', 3, 'welcome']);
    expect(Object.keys(JSON.parse(batch.text).results[7].body.errors)).toEqual(['transaction_id', 'amount']);

    // The refused items undid nothing of the others: the same wallet and adjustments.
    const wallet = `/customers/${t.customerId}/wallet`;
    expect(await t.batched.get(wallet)).toBe(await t.single.get(wallet));
    expect(await t.batched.get('/adjustments?limit=100')).toBe(await t.single.get('/adjustments?limit=100'));
    expect(JSON.parse(await t.batched.get(wallet)).accounts[0].available).toBe(21.325);

    // Answered once on disk; the files hold the same journal and verify clean.
    for (const server of running.splice(0)) await server.close();
    // (Each server made its own API key: those entries differ, and only those.)
    const moves = (path: string) => readJournal(path).filter((entry) => entry.kind !== 'api_key_created');
    expect(moves(t.paths.batched)).toEqual(moves(t.paths.single));
    expect(moves(t.paths.batched).filter((entry) => entry.kind === 'adjustment')).toHaveLength(4);
    const verified = await runMain(['local', 'verify', '--db', t.paths.batched], { env: { CREDYT_CONFIG_DIR: join(t.dir, 'config') } });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it('answers the empty list (the capability probe) with no results', async () => {
    const t = await twins();
    expect(await t.batched.post(BATCH, '{"adjustments":[]}')).toEqual({ status: 200, replayed: false, text: '{"results":[]}' });
  });

  it('requires the API key', async () => {
    const t = await twins();
    const items = mixedItems(t.customerId, t.earlier).slice(0, 1);
    const res = await fetch(`${t.batched.server.url}${BATCH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adjustments: items }) });
    expect(res.status).toBe(401);
    const wrong = await t.batched.post(BATCH, JSON.stringify({ adjustments: items }), { 'x-credyt-api-key': 'key_local_wrong' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(await t.batched.get('/adjustments')).total_count).toBe(1);
  });

  it('refuses a malformed envelope whole, applying nothing', async () => {
    const t = await twins();
    const fresh = (n: number) => Array.from({ length: n }, () => ({ customer_id: t.customerId, transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' }));
    const refusals: [string, number, string][] = [
      [JSON.stringify({ adjustments: fresh(1001) }), 422, 'adjustments has 1001 items; a request takes at most 1000'],
      [JSON.stringify(fresh(2)), 400, 'Request body must be a JSON object, got an array'],
      [JSON.stringify({ adjustments: fresh(2)[0] }), 422, 'adjustments must be an array, got an object'],
      [JSON.stringify({ items: fresh(2) }), 422, 'adjustments is required'],
      ['', 422, 'adjustments is required'],
      [JSON.stringify({ adjustments: fresh(2) }).slice(0, -3), 400, 'Request body is not valid JSON'],
    ];
    for (const [body, status, detail] of refusals) {
      const res = await t.batched.post(BATCH, body);
      expect([res.status, JSON.parse(res.text).detail]).toEqual([status, expect.stringContaining(detail)]);
      expect(JSON.parse(res.text).instance).toBe(BATCH);
    }
    expect(JSON.parse(await t.batched.get('/adjustments')).total_count).toBe(1);
    // A thousand items is the most a request takes.
    const full = await t.batched.post(BATCH, JSON.stringify({ adjustments: fresh(1000) }));
    expect(JSON.parse(full.text).results.filter((r: { status: number }) => r.status === 201)).toHaveLength(1000);
  });

  it('answers hostile bodies and items with a 4xx, never a 5xx', async () => {
    const t = await twins();
    const id = JSON.stringify(t.customerId);
    const hostile = [
      '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
      `{"customer_id":${id},"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"metadata":{"__proto__":"x"},"transaction_id":"${uuid()}","asset":"USD","amount":1,"reason":"gift"}`,
      `{"customer_id":${id},"amount":1e999999,"asset":"USD","reason":"gift","transaction_id":"${uuid()}"}`,
      `{"customer_id":${id},"amount":${'9'.repeat(400)},"asset":"USD","reason":"gift","transaction_id":"${uuid()}"}`,
      `{"customer_id":{"id":${id}},"amount":1,"asset":"USD","reason":"gift","transaction_id":"${uuid()}"}`,
      '[]',
      '"x"',
      'null',
    ];
    const statuses: number[] = [];
    for (const body of hostile) {
      for (const sent of [body, `{"adjustments":[${body}]}`, `{"adjustments":${body}}`]) {
        const res = await t.batched.post(BATCH, sent);
        statuses.push(res.status);
        for (const result of res.status === 200 ? JSON.parse(res.text).results : []) statuses.push(result.status);
      }
    }
    // The prototype members are ignored by the engine as by the single route: that item applies.
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(await t.batched.get('/adjustments')).total_count).toBe(2);
  });

  it('refuses an item that names no customer alone', async () => {
    const t = await twins();
    const good = { customer_id: t.customerId, transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' };
    const res = await t.batched.post(BATCH, JSON.stringify({ adjustments: [7, { ...good, customer_id: undefined }, { ...good, customer_id: 5 }, good] }));
    const results = JSON.parse(res.text).results;
    expect(results.map((r: { status: number }) => r.status)).toEqual([400, 422, 422, 201]);
    expect(results[0].body.detail).toBe('Request body must be a JSON object, got 7');
    expect(results[1].body.errors).toEqual({ customer_id: ['customer_id is required'] });
    expect(results[2].body.errors).toEqual({ customer_id: ['customer_id must be a string, got 5'] });
    expect(results[1].body.instance).toBe(BATCH);
  });
});

describe('POST /local/wallet-adjustments under X-CREDYT-ACCOUNT', () => {
  const opened: LocalApp[] = [];
  afterEach(async () => {
    for (const local of opened.splice(0)) await local.close();
  });

  it('applies to the connected account it names, and only there', async () => {
    const local = openLocalApp({ dbPath: ':memory:', clock: testClock(), requireApiKey: false });
    opened.push(local);
    const call = async (method: 'GET' | 'POST', url: string, body?: unknown, account?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (account !== undefined) headers['X-Credyt-Account'] = account;
      const res = await local.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    const account = (await call('POST', '/accounts', { name: 'A' })).body.id as string;
    const customer = (await call('POST', '/customers', { name: 'C' }, account)).body.id as string;
    const item = { customer_id: customer, transaction_id: uuid(), asset: 'USD', amount: 4, reason: 'gift' };

    const unscoped = await call('POST', BATCH, { adjustments: [item] });
    expect(unscoped.body.results.map((r: { status: number }) => r.status)).toEqual([404]);
    const scoped = await call('POST', BATCH, { adjustments: [item] }, account);
    expect(scoped.body.results.map((r: { status: number }) => r.status)).toEqual([201]);
    expect((await call('GET', `/customers/${customer}/wallet`, undefined, account)).body.accounts[0].available).toBe(4);
    expect((await call('GET', '/adjustments')).body.total_count).toBe(0);
    const unknown = await call('POST', BATCH, { adjustments: [] }, 'acc_00000000000000000000000000');
    expect(unknown.status).toBe(404);
  });
});
