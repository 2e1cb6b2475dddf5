import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process-sandbox.js';
import { createEmbeddedTransport } from '../../src/server/in-process/embedded-transport.js';
import type { Transport, TransportRequest } from '../../src/client/transport.js';
import { premiumPlan } from '../unit/subscriptions/premium-fixture.js';
import { openEngine, AccountEngines } from '../../src/engine/index.js';

// The Premium plan inside a connected account on the embedded database, and the clock
// moved by the CLI with `--account`: the one clock is the platform's, and the move renews
// the account's subscription; `credyt local verify` stays clean.

const json = (r: { stdout: string }) => JSON.parse(r.stdout);
const URLS = { return_url: 'https://app.example/ok', failure_url: 'https://app.example/no' };

describe('the local clock from the CLI, with a connected account selected', () => {
  let box: InProcessSandbox;
  let transport: Transport;
  const send = async (method: TransportRequest['method'], path: string, body?: unknown, account?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (account) headers['X-CREDYT-ACCOUNT'] = account;
    const res = await transport.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: JSON.parse(res.body) };
  };
  let account = '';
  let customer = '';

  beforeAll(async () => {
    box = inProcessSandbox();
    const dbPath = box.env.CREDYT_DB as string;
    transport = createEmbeddedTransport({ dbPath });
    account = (await send('POST', '/accounts', { name: 'Studio' })).body.id;
    // The plan is made in the account's own file, as `pricing apply --account` would.
    const platform = openEngine({ path: dbPath });
    const engines = new AccountEngines(platform);
    premiumPlan(engines.engineFor(account)!);
    engines.close();
    platform.close();
    const created = await send('POST', '/customers', { name: 'Ada', subscriptions: [{ ...URLS, products: [{ code: 'premium_monthly_01' }] }] }, account);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    customer = created.body.id;
    await transport.close();
  });
  afterAll(async () => {
    await transport?.close();
    box?.cleanup();
  });

  it('advance 31d with --account renews the account: CREDIT back to 1,000, USD −20', async () => {
    const sub = json(await box.run(['--account', account, 'customers', 'get', customer, '-o', 'json'])).subscriptions[0];
    expect(sub.status).toBe('pending');
    const paid = await box.run(['--account', account, 'subscriptions', 'complete', sub.id, '-o', 'json']);
    expect(paid.code, paid.stderr).toBe(0);
    for (let i = 0; i < 3; i++) {
      const used = await box.run(['--account', account, 'usage', 'post', customer, '--type', 'image_generated', '--id', randomUUID()]);
      expect(used.code, used.stderr).toBe(0);
    }
    const moved = await box.run(['--account', account, 'local', 'clock', 'advance', '31d', '-o', 'json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(json(moved)).toMatchObject({ processed: { renewals: 1, grant_expiries: 1 }, accounts: [{ account, renewals: 1 }] });
    // Without the flag the same clock shows.
    // (on wall time: the move started a few milliseconds before its offset was taken)
    expect(json(await box.run(['local', 'clock', '-o', 'json'])).offset_seconds).toBeGreaterThanOrEqual(31 * 86_400 - 5);
    const wallet = json(await box.run(['--account', account, 'wallet', 'get', customer, '-o', 'json']));
    const byId = Object.fromEntries(wallet.accounts.map((a: { id: string; available: number }) => [a.id, a.available]));
    expect(byId).toMatchObject({ 'default:CREDIT': 1000, 'default:USD': -20 });
    // The platform's own data holds none of it.
    expect(json(await box.run(['customers', 'list', '-o', 'json'])).items).toEqual([]);
    const verified = await box.run(['local', 'verify', '-o', 'json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(json(verified)).toMatchObject({ ok: true, accounts: [{ account, ok: true }] });
  });
});
