import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AccountEngines, openEngine } from '../../src/engine/index.js';
import { json, tempDir } from '../unit/engine/fixture.js';
import { premiumPlan } from '../unit/subscriptions/premium-fixture.js';

/** Each child opens the file itself and moves the clock a month at a time. */
const CHILD = `
const { AccountEngines, openEngine } = await import(process.env.ENGINE_URL);
const engine = openEngine({ path: process.env.DB_PATH });
// As local serve and the embedded profile do: the connected accounts run on this clock.
const accounts = new AccountEngines(engine);
let renewals = 0;
for (let i = 0; i < Number(process.env.MONTHS); i++) renewals += engine.subscriptions.clock.advance({ duration: 'P1M' }).processed.renewals;
accounts.close();
engine.close();
process.stdout.write(String(renewals));
`;

function child(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', CHILD], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => done({ code, out, err }));
  });
}

describe('the local clock moved from two processes at once', () => {
  it('every month advanced renews once: no renewal lost or run twice, the ledger verifies', async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'credyt.db');
    try {
      const engine = openEngine({ path });
      premiumPlan(engine);
      const customer = engine.createCustomer({
        name: 'Ada',
        subscriptions: [{ return_url: 'https://a.test/ok', failure_url: 'https://a.test/no', products: [{ code: 'premium_monthly_01' }] }],
      });
      engine.subscriptions.complete(customer.subscriptions[0].id, 'http://127.0.0.1');
      const env = { ENGINE_URL: pathToFileURL(resolve('dist/engine/index.js')).href, DB_PATH: path, MONTHS: '6' };
      const results = await Promise.all([child(env), child(env)]);
      for (const r of results) expect(r).toMatchObject({ code: 0, err: '' });
      expect(results.reduce((n, r) => n + Number(r.out), 0)).toBe(12);
      expect(json(engine.getAccount(customer.id, 'default:USD').available)).toBe('-240');
      expect(json(engine.getAccount(customer.id, 'default:CREDIT').available)).toBe('1000');
      expect(engine.listTransactions(customer.id, { type: 'subscription_fee', limit: 100 }).total_count).toBe(12);
      expect(engine.verify()).toEqual([]);
      engine.close();
    } finally {
      tmp.cleanup();
    }
  });

  it("a connected account's renewals too: once each, while the platform's clock moves from both", async () => {
    const tmp = tempDir();
    const path = join(tmp.dir, 'credyt.db');
    try {
      const engine = openEngine({ path });
      const accounts = new AccountEngines(engine);
      const account = engine.accounts.create({ name: 'Studio' }).id;
      const inAccount = accounts.engineFor(account)!;
      premiumPlan(inAccount);
      const customer = inAccount.createCustomer({
        name: 'Ada',
        subscriptions: [{ return_url: 'https://a.test/ok', failure_url: 'https://a.test/no', products: [{ code: 'premium_monthly_01' }] }],
      });
      inAccount.subscriptions.complete(customer.subscriptions[0].id, 'http://127.0.0.1');
      const env = { ENGINE_URL: pathToFileURL(resolve('dist/engine/index.js')).href, DB_PATH: path, MONTHS: '6' };
      const results = await Promise.all([child(env), child(env)]);
      for (const r of results) expect(r).toMatchObject({ code: 0, err: '' });
      expect(results.reduce((n, r) => n + Number(r.out), 0)).toBe(12);
      expect(json(inAccount.getAccount(customer.id, 'default:USD').available)).toBe('-240');
      expect(json(inAccount.getAccount(customer.id, 'default:CREDIT').available)).toBe('1000');
      expect(inAccount.listTransactions(customer.id, { type: 'subscription_fee', limit: 100 }).total_count).toBe(12);
      expect(inAccount.verify()).toEqual([]);
      expect(engine.verify()).toEqual([]);
      accounts.close();
      engine.close();
    } finally {
      tmp.cleanup();
    }
  });
});
