import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer } from '../helpers/minimal-server.js';

/** Creates answered with only `{id}` or `{id, created_at}`, as Credyt's published examples do. */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
const TX = '9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11';
const ADJ = '0d1c3f3e-1111-4c8e-9f55-2c1d7e0b3a22';
let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
});
afterAll(() => s.close());
beforeEach(() => {
  s.routes = [];
  s.sent = [];
});

describe('customers create answered with only an id', () => {
  it('prints the id at a terminal, piped and as JSON; exit 0', async () => {
    s.routes = [on('POST', '/customers', { status: 201, body: { id: C } })];
    const tty = await runMain(['customers', 'create', '--name', 'Ana'], { env: s.env(), tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout + tty.stderr).toContain(C);
    const piped = await runMain(['customers', 'create', '--name', 'Ana'], { env: s.env() });
    expect(piped.code).toBe(0);
    expect(piped.stdout.split('\t')[0]).toBe(C);
    const json = await runMain(['customers', 'create', '--name', 'Ana', '-o', 'json'], { env: s.env() });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ id: C });
  });
});

describe('adjustments answered with {id, created_at}, id not the transaction_id', () => {
  const answer = () => on('POST', `/customers/${C}/wallet/adjustments`, () => ({ status: 201, body: { id: ADJ, created_at: new Date().toISOString() } }));

  it('adjust: the transaction id sent is printed, the adjustment id kept in JSON', async () => {
    s.routes = [answer()];
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', 'gift', '--transaction-id', TX, '--yes', '-o', 'json'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ transaction_id: TX, status: 'accepted', account_id: 'default:USD', amount: 5 });
    expect(out.adjustment.id).toBe(ADJ);
  });

  it('top-up with only {id}: exit 0, the transaction id printed', async () => {
    s.routes = [on('POST', `/customers/${C}/wallet/adjustments`, { status: 201, body: { id: ADJ } })];
    const r = await runMain(['top-up', C, '5', 'USD', '--transaction-id', TX, '--yes'], { env: s.env() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\t')[0]).toBe(TX);
    expect(s.sent[0].body).toMatchObject({ transaction_id: TX });
  });

  it('adjust --file: each line reports its transaction id and the adjustment id', async () => {
    s.routes = [answer()];
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'credyt-adj-')), 'a.csv');
    writeFileSync(file, `customer,amount,asset,transaction_id\n${C},5,USD,${TX}\n`);
    const r = await runMain(['adjust', '--file', file, '--reason', 'gift', '--yes', '-o', 'jsonl'], { env: s.env() });
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0]);
    expect(line).toMatchObject({ id: TX, adjustment_id: ADJ });
  });
});
