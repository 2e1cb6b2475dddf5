import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

describe('ledger from the CLI: holds, grants, history, local verify', () => {
  let box: InProcessSandbox;
  let customer: string;

  beforeAll(async () => {
    box = inProcessSandbox();
    customer = json(await box.run(['customers', 'create', '--name', 'Acme', '--external-id', 'acme', '-o', 'json'])).id;
    expect((await box.run(['adjust', 'acme', '100', 'USD', '--reason', 'external_topup'])).code).toBe(0);
    expect((await box.run(['adjust', 'acme', '20', 'USD', '--reason', 'gift', '--expires-at', '2099-01-01T00:00:00Z'])).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('creates, captures part of and lists a hold; refuses more than is free', async () => {
    const id = randomUUID();
    const created = await box.run(['holds', 'create', 'acme', '30', 'USD', '--expires-in', '15m', '--hold-id', id, '-o', 'json']);
    expect(created.code, created.stderr).toBe(0);
    expect(json(created)).toMatchObject({ id, status: 'pending', account_id: 'default:USD' });
    const captured = await box.run(['holds', 'capture', 'acme', id, '12.5', '-o', 'json']);
    expect(json(captured)).toMatchObject({ status: 'captured' });
    expect(captured.stdout).toContain('"captured_amount": 12.5');
    const again = await box.run(['holds', 'void', 'acme', id]);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/already captured/);
    const tooMuch = await box.run(['holds', 'create', 'acme', '1000', 'USD']);
    expect(tooMuch.code).toBe(5);
    expect(tooMuch.stderr).toMatch(/exceeds available − pending_out/);
    const both = await box.run(['holds', 'create', 'acme', '1', 'USD', '--expires-in', '1m', '--expires-at', '2099-01-01T00:00:00Z']);
    expect(both.code).toBe(2);
    const list = json(await box.run(['holds', 'list', 'acme', '--status', 'captured', '-o', 'json']));
    expect(list.items.map((h: { id: string }) => h.id)).toEqual([id]);
  });

  it('shows grants drawn promotion first', async () => {
    const grants = json(await box.run(['wallet', 'grants', 'acme', 'default:USD', '-o', 'json'])).items;
    expect(grants.map((g: { purpose: string; remaining: number }) => `${g.purpose} ${g.remaining}`)).toEqual(['promotion 7.5', 'paid 100']);
  });

  it('prints a statement whose balances reconcile', async () => {
    const csv = await box.run(['wallet', 'history', 'acme', '-o', 'csv', '--all']);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n').map((l) => l.split(','));
    expect(header).toEqual(['created_at', 'type', 'account_id', 'reference', 'amount', 'balance', 'pending_in', 'pending_out', 'entry_id']);
    expect(rows.map((r) => r[1])).toEqual(['hold_captured', 'hold_created', 'adjustment', 'adjustment']);
    for (let i = 0; i < rows.length - 1; i++) {
      expect(Number(rows[i]![5])).toBeCloseTo(Number(rows[i + 1]![5]) + Number(rows[i]![4]), 9);
    }
    expect(rows[0]![5]).toBe('107.5');
    const since = await box.run(['wallet', 'history', 'acme', '--since', '2099-01-01T00:00:00Z', '-o', 'json']);
    expect(json(since).items).toEqual([]);
  });

  it('local verify prints what it checked, then names a tampered row and exits 11', async () => {
    const ok = await box.run(['local', 'verify', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const report = json(ok);
    expect(report).toMatchObject({ ok: true, violations: [] });
    expect(report.checked).toMatchObject({ adjustments: expect.any(Number), journal_entries: expect.any(Number), holds: expect.any(Number) });
    expect(report.checked.journal_entries).toBeGreaterThan(0);
    const db = new Database(box.env.CREDYT_DB as string);
    const seq = db.prepare("SELECT seq FROM accounts WHERE customer_id = ? AND asset = 'USD'").pluck().get(customer);
    db.prepare("UPDATE accounts SET available = '1000000' WHERE customer_id = ?").run(customer);
    db.close();
    const bad = await box.run(['local', 'verify']);
    expect(bad.code).toBe(11);
    expect(bad.stdout).toMatch(new RegExp(`replay\taccounts\t${seq}\t.*available is 1000000 but the journal gives 107\.5`));
    expect(bad.stderr).toMatch(/^Checked [\d,]+ accounts, .*journal entries/m);
    expect(bad.stderr).toMatch(/ledger violation/);
    const missing = await box.run(['local', 'verify', '--db', join(box.dir, 'nope.db')]);
    expect(missing.code).toBe(2);
  });
});

describe('ledger output at a terminal and piped', () => {
  let box: InProcessSandbox;
  beforeAll(async () => {
    box = inProcessSandbox();
    expect((await box.run(['customers', 'create', '--name', 'Acme', '--external-id', 'acme'])).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('a change at a terminal is a table with a note on stderr; piped, one tab-separated row and no note', async () => {
    const tty = await box.run(['adjust', 'acme', '1', 'USD', '--reason', 'gift', ], { tty: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stdout).toMatch(/│ AMOUNT +│ 1\.000000 +│/);
    expect(tty.stderr).toBe('Adjusted acme by 1 USD\n');
    const piped = await box.run(['adjust', 'acme', '-1', 'USD', '--reason', 'correction']);
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout.split('\t').slice(2, 6)).toEqual(['default:USD', '-1', 'USD', 'correction']);
    expect(piped.stderr).toBe('');
  });
});

describe('ledger through local serve', () => {
  let box: InProcessSandbox;
  let server: InProcessServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    box = inProcessSandbox();
    server = await serveInProcess(box);
    env = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
  });
  afterAll(async () => {
    await server.stop();
    box.cleanup();
  });

  it('holds and history work the same over HTTP', async () => {
    const id = json(await box.run(['customers', 'create', '--name', 'InProcessServer', '-o', 'json'], { env })).id;
    expect((await box.run(['adjust', id, '10', 'USD', '--reason', 'gift', '--yes'], { env })).code).toBe(0);
    const hold = randomUUID();
    const created = await box.run(['holds', 'create', id, '4', 'USD', '--hold-id', hold, '-o', 'json'], { env });
    expect(created.code, created.stderr).toBe(0);
    expect(json(await box.run(['holds', 'void', id, hold, '-o', 'json'], { env })).status).toBe('voided');
    const history = json(await box.run(['wallet', 'history', id, '-o', 'json'], { env }));
    expect(history.items.map((t: { type: string }) => t.type)).toEqual(['hold_voided', 'hold_created', 'adjustment']);
  });
});
