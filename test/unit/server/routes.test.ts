import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from './app-fixture.js';

const adjustment = (n: number, extra: Record<string, unknown>) => ({
  transaction_id: `9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a${String(n).padStart(2, '0')}`,
  ...extra,
});

describe('routes', () => {
  it('pages customers newest first and finds one by external_id', async () => {
    const { call } = testApp();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await call('POST', '/customers', { name, external_id: `ext-${name}` })).body.id);
    const page = await call('GET', '/customers?limit=2&offset=1');
    expect(page.body).toMatchObject({ total_count: 3, limit: 2, offset: 1 });
    expect(page.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1], ids[0]]);
    expect((await call('GET', '/customers')).body.limit).toBe(20);

    const found = await call('GET', '/customers?external_id=ext-b');
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: ids[1], external_id: 'ext-b', name: 'b' });
    isProblem(await call('GET', '/customers?external_id=nobody'), 404, 'not_found');
    isProblem(await call('GET', '/customers?external_id='), 422, 'validation_failed');
    expect((await call('GET', `/customers/${ids[2]}`)).body.name).toBe('c');
  });

  it('finds accounts whatever the case of the asset, with the colon encoded or not', async () => {
    const { call } = testApp();
    const id = (await call('POST', '/customers', { name: 'A' })).body.id;
    await call('POST', '/assets', { code: 'Tok', name: 'T', precision: 0 });
    await call('POST', `/customers/${id}/wallet/adjustments`, adjustment(1, { asset: 'TOK', amount: 3, reason: 'gift' }));
    for (const accountId of ['default:Tok', 'default:TOK', 'default:tok', 'default%3Atok', 'default%3atok']) {
      const answer = await call('GET', `/customers/${id}/wallet/${accountId}`);
      expect(answer.text, accountId).toBe('{"id":"default:Tok","name":"default","asset":"Tok","available":3,"pending_in":0,"pending_out":0}');
    }
    isProblem(await call('GET', `/customers/${id}/wallet/default:USD`), 404, 'not_found');
    isProblem(await call('GET', `/customers/${id}/wallet/nocolon`), 404, 'not_found');
    isProblem(await call('GET', `/customers/${id}/wallet/DEFAULT:tok`), 404, 'not_found');
  });

  it('keeps 36 significant digits through requests and answers', async () => {
    const { call } = testApp();
    const id = (await call('POST', '/customers', { name: 'A' })).body.id;
    await call('POST', '/assets', { code: 'WEI', name: 'Wei', precision: 18 });
    const url = `/customers/${id}/wallet/adjustments`;
    const posted = await call('POST', url, `{"transaction_id":"${adjustment(1, {}).transaction_id}","asset":"WEI","amount":123456789012345678.123456789012345678,"reason":"gift"}`);
    expect(posted.text).toContain('"amount":123456789012345678.123456789012345678,');
    await call('POST', url, adjustment(2, { asset: 'WEI', amount: '0.000000000000000001', reason: 'gift' }));
    const account = await call('GET', `/customers/${id}/wallet/default:WEI`);
    expect(account.text).toContain('"available":123456789012345678.123456789012345679,');
  });

  it('adds rates and lists their history', async () => {
    const { call } = testApp();
    await call('POST', '/assets', { code: 'CR', name: 'Credits', precision: 2, rates: [{ source: 'USD', rate: 0.05 }] });
    const added = await call('POST', '/assets/cr/rates', '{"source":"USD","rate":0.03}');
    expect(added.status).toBe(201);
    expect(added.text).toContain('"rate":0.03,"inverse_rate":33.333333333333333333,');
    const history = await call('GET', '/assets/CR/rates');
    expect(history.body.items.map((r: { status: string }) => r.status)).toEqual(['active', 'superseded']);
    expect((await call('GET', '/assets')).body.items.map((a: { code: string }) => a.code)).toEqual(['CR']);
    expect((await call('GET', '/assets/usd')).body).toMatchObject({ code: 'USD', kind: 'fiat', precision: 6 });
  });

  it('runs a top-up through initiate, read and complete', async () => {
    const { call } = testApp({ publicOrigin: 'http://127.0.0.1:4010' });
    const id = (await call('POST', '/customers', { name: 'A' })).body.id;
    await call('POST', '/assets', { code: 'IMG', name: 'Images', precision: 0, rates: [{ source: 'USD', rate: 0.1 }] });
    const created = await call(
      'POST',
      '/top-ups',
      `{"customer_id":"${id}","amount":1.03,"currency":"USD","destination":{"asset":"IMG"},"return_url":"https://a.example/ok","failure_url":"https://a.example/no"}`,
    );
    expect(created.status).toBe(201);
    const topUp = created.body;
    expect(topUp).toMatchObject({ status: 'initiated', quantity: 10, redirect_url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:4010/checkout/${topUp.id}\\?token=`)) });
    expect((await call('GET', `/customers/${id}/wallet/default:IMG`)).text).toContain('"available":0,"pending_in":10,');
    expect((await call('GET', `/top-ups/${topUp.id}`)).body.status).toBe('initiated');
    const completed = await call('POST', `/top-ups/${topUp.id}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body.status).toBe('completed');
    expect((await call('GET', `/customers/${id}/wallet/default:IMG`)).text).toContain('"available":10,"pending_in":0,');
    isProblem(await call('POST', `/top-ups/${topUp.id}/fail`), 409, 'conflict');
    const other = await call('POST', '/top-ups', { customer_id: id, amount: '5', currency: 'usd', return_url: 'https://a.example/ok', failure_url: 'https://a.example/no' });
    expect((await call('POST', `/top-ups/${other.body.id}/fail`)).body.status).toBe('failed');
  });

  it('answers the platform account', async () => {
    const { call } = testApp();
    const self = await call('GET', '/accounts/self');
    expect(self.body).toMatchObject({ name: 'Local engine', live_mode: false });
    expect(self.body.id).toMatch(/^acc_/);
  });
});
