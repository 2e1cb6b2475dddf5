import { afterEach, describe, expect, it } from 'vitest';
import { openLocalApp, type LocalApp } from '../../../src/server/local-app.js';
import { testClock } from '../engine/fixture.js';

const opened: LocalApp[] = [];
afterEach(async () => {
  for (const local of opened.splice(0)) await local.close();
});

/** The platform's app over an in-memory database, as the embedded profile runs it. */
function platform() {
  const local = openLocalApp({ dbPath: ':memory:', clock: testClock(), requireApiKey: false });
  opened.push(local);
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, account?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (account !== undefined) headers['X-Credyt-Account'] = account;
    const res = await local.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, text: res.body, body: JSON.parse(res.body) };
  };
  return { local, call };
}

describe('/accounts', () => {
  it('creates, lists, finds by external id and gets connected accounts', async () => {
    const { call } = platform();
    const made = await call('POST', '/accounts', { name: 'Bingo', external_id: 'bingo', metadata: { plan: 'pro' } });
    expect(made.status).toBe(201);
    expect(made.text).toBe(`{"id":"${made.body.id}","name":"Bingo","external_id":"bingo","metadata":{"plan":"pro"},"created_at":"2026-01-01T00:00:00.000Z"}`);
    expect(made.body.id).toMatch(/^acc_[0-9a-z]{26}$/);
    const other = await call('POST', '/accounts', { name: 'Lingo' });
    expect((await call('GET', `/accounts/${made.body.id}`)).text).toBe(made.text);
    expect((await call('GET', '/accounts')).body).toMatchObject({ items: [{ id: other.body.id }, { id: made.body.id }], total_count: 2 });
    // The page, not one object, as Credyt answers it.
    expect((await call('GET', '/accounts?external_id=bingo')).body).toEqual({ items: [made.body], total_count: 1, limit: 20, offset: 0 });
    expect((await call('GET', '/accounts?external_id=nope')).body).toEqual({ items: [], total_count: 0, limit: 20, offset: 0 });
    expect((await call('GET', '/accounts/self')).body).toMatchObject({ name: 'Local engine', live_mode: false });
  });

  it('refuses a missing name, a taken external id and an unknown id, storing nothing', async () => {
    const { call } = platform();
    const missing = await call('POST', '/accounts', { external_id: 'x' });
    expect([missing.status, missing.body.errors]).toEqual([422, { name: [expect.stringContaining('name')] }]);
    const first = await call('POST', '/accounts', { name: 'A', external_id: 'x' });
    const again = await call('POST', '/accounts', { name: 'B', external_id: 'x' });
    expect([again.status, again.body.existing_id]).toEqual([409, first.body.id]);
    expect((await call('GET', '/accounts')).body.total_count).toBe(1);
    expect((await call('GET', '/accounts/acc_00000000000000000000000000')).status).toBe(404);
  });
});

describe('X-CREDYT-ACCOUNT', () => {
  it('scopes a request to the account it names, and refuses a malformed or unknown one', async () => {
    const { call } = platform();
    const acc = (await call('POST', '/accounts', { name: 'A' })).body.id as string;
    expect((await call('POST', '/customers', { name: 'C', external_id: 'same' }, acc)).status).toBe(201);
    expect((await call('GET', '/customers', undefined, acc)).body.total_count).toBe(1);
    expect((await call('GET', '/customers')).body.total_count).toBe(0);
    const malformed = await call('GET', '/customers', undefined, 'acc_nope');
    expect([malformed.status, malformed.body.detail]).toEqual([400, expect.stringContaining('X-CREDYT-ACCOUNT')]);
    const unknown = await call('GET', '/customers', undefined, 'acc_00000000000000000000000000');
    expect([unknown.status, unknown.body.detail]).toEqual([404, expect.stringContaining('X-CREDYT-ACCOUNT')]);
  });

  it('answers /accounts/self with the connected account, and leaves managing accounts to the platform', async () => {
    const { call } = platform();
    const made = (await call('POST', '/accounts', { name: 'A', external_id: 'a' })).body;
    const platformId = (await call('GET', '/accounts/self')).body.id;
    expect((await call('GET', '/accounts/self', undefined, made.id)).body).toEqual({ ...made, live_mode: false, platform_id: platformId });
    for (const [method, url] of [['POST', '/accounts'], ['GET', '/accounts'], ['GET', `/accounts/${made.id}`]] as const) {
      const refused = await call(method, url, method === 'POST' ? { name: 'Sub' } : undefined, made.id);
      expect([refused.status, refused.body.code, refused.body.detail]).toEqual([403, 'forbidden', expect.stringContaining('X-CREDYT-ACCOUNT')]);
    }
    expect((await call('GET', '/accounts')).body.total_count).toBe(1);
  });
});
