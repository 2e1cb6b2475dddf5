import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { tempDir } from '../engine/fixture.js';

// No route leaks rows across connected accounts: one scripted scenario touching every route
// family runs on ONE server for the platform, then account 1, then account 2, with the same
// codes, external ids and idempotency keys each time. Each run must answer exactly as the
// first (ids, timestamps and secrets masked): a row of another run would show in a list, a
// count, a balance, or as a 409 on a code or key already taken.

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string; body: any }>;

const CHAT = {
  code: 'chat',
  name: 'Chat',
  publish: true,
  prices: [{ name: 'Message', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'chat', usage_type: 'unit' }, pricing: [{ asset: 'USD', values: [{ unit_price: 0.05 }] }] }],
};
const urls = { return_url: 'https://example.com/ok', failure_url: 'https://example.com/no' };
const KEYS = ['0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000001', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000002', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000003', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000004'];

/** The scenario: every answer, in order, as `METHOD path → status body`. */
async function scenario(call: Call): Promise<string[]> {
  const log: string[] = [];
  const step = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, body);
    log.push(`${method} ${path} → ${answer.status} ${answer.text}`);
    return answer.body;
  };
  await step('POST', '/assets', { code: 'IMG', name: 'Images', precision: 2, label: 'image', symbol: 'I', rates: [{ source: 'USD', rate: 0.1 }] });
  await step('POST', '/assets/IMG/rates', { source: 'USD', rate: 0.2 });
  await step('GET', '/assets');
  await step('GET', '/assets/IMG');
  await step('GET', '/assets/IMG/rates');
  await step('POST', '/assets/IMG/quote', { amount: 10, source: 'USD' });
  const product = await step('POST', '/products', CHAT);
  await step('GET', '/products');
  await step('GET', `/products/${product.id}`);
  await step('POST', `/products/chat/1/simulate-usage`, { events: [{ event_type: 'chat' }] });
  const customer = await step('POST', '/customers', { name: 'Acme', external_id: 'acme', subscriptions: [{ products: [{ code: 'chat' }] }] });
  const c = customer.id as string;
  await step('GET', '/customers');
  await step('GET', '/customers?external_id=acme');
  await step('GET', `/customers/${c}`);
  await step('POST', `/customers/${c}/wallet/adjustments`, { transaction_id: KEYS[0], asset: 'USD', amount: 10, reason: 'gift' });
  await step('GET', '/adjustments');
  const topUp = await step('POST', '/top-ups', { customer_id: c, amount: 5, currency: 'USD', ...urls });
  await step('POST', `/top-ups/${topUp.id}/complete`);
  await step('GET', '/top-ups');
  await step('POST', '/vendors', { name: 'OpenAI', external_id: 'openai' });
  await step('GET', '/vendors');
  await step('POST', '/events', {
    customer_id: c,
    events: [{ id: KEYS[1], event_type: 'chat', occurred_at: '2026-01-01T10:00:00Z', costs: [{ vendor_external_id: 'openai', amount: 0.02, currency: 'USD' }] }],
  });
  await step('GET', '/events');
  await step('GET', `/events/${KEYS[1]}`);
  await step('POST', `/customers/${c}/wallet/holds`, { hold_id: KEYS[2], asset: 'USD', amount: 2 });
  await step('POST', `/customers/${c}/wallet/holds/${KEYS[2]}/capture`, { amount: 1 });
  await step('GET', `/customers/${c}/wallet/holds`);
  await step('GET', `/customers/${c}/wallet`);
  await step('GET', `/customers/${c}/wallet/default:USD`);
  await step('GET', `/customers/${c}/wallet/transactions`);
  await step('GET', `/customers/${c}/stats`);
  const vendor = await step('GET', '/vendors?external_id=openai');
  await step('GET', `/vendors/${vendor.id}/stats`);
  await step('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', topics: ['adjustment.created'] });
  await step('GET', '/webhooks');
  await step('POST', '/billing-portal/sessions', { customer_id: c, ...urls });
  return log;
}

/**
 * Ids, times, secrets and signed tokens differ run to run by nature: masked. So do journal
 * entry numbers between the platform's file and an account's: the platform's first entry
 * records the server's API key (`journal: true` masks them).
 */
const masked = (lines: string[], journal = false) =>
  lines.map((line) =>
    (journal ? line.replace(/txn_\d+_\d+/g, 'txn_…').replace(/"entry_id":\d+/g, '"entry_id":…') : line)
      .replace(/\b([a-z]+)_[0-9a-z]{26}\b/g, '$1_…')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'T')
      .replace(/whsec_[\w-]+/g, 'whsec_…')
      // An account's checkout and portal links lead to its pages, under its prefix.
      .replace(/\/connect\/acc_…/g, '')
      .replace(/token=[\w.-]+/g, 'token=…'),
  );

describe('no route leaks rows across connected accounts', () => {
  let server: RunningServer;
  let cleanup = () => {};
  let call: (account?: string) => Call;

  beforeAll(async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'leaks.db'), webhooks: false });
    call = (account) => async (method, path, body) => {
      const headers: Record<string, string> = { 'X-Credyt-Api-Key': server.apiKey };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (account) headers['x-credyt-account'] = account;
      const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, text, body: text === '' ? undefined : JSON.parse(text) };
    };
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it('answers the platform and two accounts alike, each list holding its own rows only', async () => {
    const accounts: string[] = [];
    for (const name of ['One', 'Two']) accounts.push((await call()('POST', '/accounts', { name })).body.id);
    const platformRun = await scenario(call());
    const first = await scenario(call(accounts[0]));
    const second = await scenario(call(accounts[1]));
    expect(platformRun.every((line) => / → 2\d\d /.test(line)), platformRun.join('\n')).toBe(true);
    expect(masked(first, true)).toEqual(masked(platformRun, true));
    expect(masked(second)).toEqual(masked(first));
    // After all three runs, each list still shows one run's rows.
    for (const who of [undefined, ...accounts]) {
      for (const path of ['/customers', '/products', '/assets', '/top-ups', '/adjustments', '/events', '/vendors', '/webhooks']) {
        const { body } = await call(who)('GET', path);
        expect([who, path, body.total_count]).toEqual([who, path, path === '/assets' ? body.items.length : 1]);
      }
    }
  });

  it('refuses a malformed or unknown header, and account management under one, storing nothing', async () => {
    const before = (await call()('GET', '/accounts')).body.total_count;
    const malformed = await call('acc_' + 'x'.repeat(5))('POST', '/customers', { name: 'X' });
    expect([malformed.status, malformed.body.detail]).toEqual([400, expect.stringContaining('X-CREDYT-ACCOUNT')]);
    const unknown = await call('acc_' + '0'.repeat(26))('POST', '/customers', { name: 'X' });
    expect([unknown.status, unknown.body.detail]).toEqual([404, expect.stringContaining('X-CREDYT-ACCOUNT')]);
    const own = (await call()('POST', '/accounts', { name: 'Three' })).body.id;
    const nested = await call(own)('POST', '/accounts', { name: 'Nested' });
    expect([nested.status, nested.body.code]).toEqual([403, 'forbidden']);
    expect((await call()('GET', '/accounts')).body.total_count).toBe(before + 1);
    // The key is always the platform's: an account header does not replace it.
    const keyless = await fetch(`${server.url}/customers`, { headers: { 'X-CREDYT-ACCOUNT': own } });
    expect(keyless.status).toBe(401);
  });
});
