import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import { json, sandbox, type CliResult, type Sandbox } from '../helpers/cli.js';

/**
 * Several processes on one database file at once (each `credyt` run opens the embedded
 * engine itself): first credits to the same new account, one idempotency key from many
 * clients, captures racing each other and an expiry. Exactly one effect each, and no
 * SQLITE_BUSY ever reaches the user.
 */
const N = 6;

describe('concurrency: processes sharing one database file', () => {
  let box: Sandbox;
  let customer: string;
  const all = (args: string[]) => Promise.all(Array.from({ length: N }, () => box.run(args)));
  const noBusy = (results: CliResult[]) => {
    for (const r of results) expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/i);
  };
  const account = async (id: string) => json(await box.run(['wallet', 'account', customer, id, '-o', 'json']));

  beforeAll(async () => {
    box = sandbox();
    customer = json(await box.run(['customers', 'create', '--name', 'Race', '-o', 'json'])).id;
  });
  afterAll(() => box.cleanup());

  it('first credits to one new account from many processes all land, once each', async () => {
    const results = await Promise.all(
      Array.from({ length: N }, () => box.run(['adjust', customer, '10', 'USD', '--reason', 'gift', '--account-name', 'fresh', '-o', 'json'])),
    );
    noBusy(results);
    expect(results.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(String((await account('fresh:USD')).available)).toBe(String(10 * N));
  });

  it('one transaction_id from many processes has one effect', async () => {
    const id = randomUUID();
    const results = await all(['adjust', customer, '7', 'USD', '--reason', 'external_topup', '--transaction-id', id, '-o', 'json']);
    noBusy(results);
    expect(results.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(String((await account('default:USD')).available)).toBe('7');
  });

  it('one hold_id from many processes reserves once; of racing captures exactly one wins', async () => {
    const hold = randomUUID();
    const created = await all(['holds', 'create', customer, '5', 'USD', '--hold-id', hold, '-o', 'json']);
    noBusy(created);
    expect(created.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(String((await account('default:USD')).pending_out)).toBe('5');
    const captures = await all(['holds', 'capture', customer, hold, '2', '-o', 'json']);
    noBusy(captures);
    expect(captures.map((r) => r.code).sort()).toEqual([0, ...Array(N - 1).fill(5)]);
    const after = await account('default:USD');
    expect([String(after.available), String(after.pending_out)]).toEqual(['5', '0']);
  });

  it('captures racing an expiry: captured once or expired, never both', async () => {
    const hold = randomUUID();
    expect((await box.run(['adjust', customer, '1', 'USD', '--reason', 'gift', '--account-name', 'expiry'])).code).toBe(0);
    const expiresAt = new Date(Date.now() + 8_000).toISOString();
    const created = await box.run(['holds', 'create', customer, '1', 'USD', '--hold-id', hold, '--expires-at', expiresAt, '--account-name', 'expiry']);
    expect(created.code, created.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(expiresAt).getTime() - Date.now() - 1_000)));
    const captures = await all(['holds', 'capture', customer, hold]);
    noBusy(captures);
    const wins = captures.filter((r) => r.code === 0).length;
    expect(wins).toBeLessThanOrEqual(1);
    const [status] = json(await box.run(['holds', 'list', customer, '-o', 'json'])).items.filter((h: { id: string }) => h.id === hold).map((h: { status: string }) => h.status);
    expect(status).toBe(wins === 1 ? 'captured' : 'expired');
    const engine = openEngine({ path: box.env.CREDYT_DB as string });
    try {
      expect(engine.verify()).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
