import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer } from '../helpers/minimal-server.js';

/**
 * Adjustment reasons: Credyt documents external_topup, external_refund and gift; the
 * engine's others are local. Against an HTTP server any --reason is sent and the server
 * judges it; the embedded engine's list is checked before anything is written.
 */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
const ADJUSTMENTS = `/customers/${C}/wallet/adjustments`;
let s: MinimalServer;
let dir: string;
beforeAll(async () => {
  s = await startMinimalServer();
  dir = mkdtempSync(join(tmpdir(), 'credyt-reasons-'));
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  s.sent = [];
  s.routes = [on('POST', ADJUSTMENTS, () => ({ status: 201, body: { id: '0d1c3f3e-1111-4c8e-9f55-2c1d7e0b3a22', created_at: new Date().toISOString() } }))];
});

describe('against an HTTP server', () => {
  it('adjust --reason goodwill is sent as given, exit 0', async () => {
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', 'goodwill', '--yes', '-o', 'json'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(s.sent[0]!.body).toMatchObject({ reason: 'goodwill' });
    expect(JSON.parse(r.stdout).reason).toBe('goodwill');
  });

  it('top-up --reason goodwill too', async () => {
    const r = await runMain(['top-up', C, '5', 'USD', '--reason', 'goodwill', '--yes'], { env: s.env() });
    expect(r.code).toBe(0);
    expect(s.sent[0]!.body).toMatchObject({ reason: 'goodwill' });
  });

  it('the server refusing it: its message, exit 5', async () => {
    s.routes = [on('POST', ADJUSTMENTS, { status: 422, body: { title: 'Invalid', status: 422, errors: { reason: ['must be one of external_topup, external_refund, gift'] } } })];
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', 'goodwill', '--yes'], { env: s.env() });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('reason: must be one of external_topup, external_refund, gift');
  });

  it('adjust --file lines with another reason are sent', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, `customer,amount,asset,reason\n${C},5,USD,goodwill\n`);
    const r = await runMain(['adjust', '--file', file, '--yes'], { env: s.env() });
    expect(r.code).toBe(0);
    // After the batch probe a bulk run sends a server on this machine (404 here: one request a line).
    expect(s.sent.map((x) => x.url)).toEqual(['/local/wallet-adjustments', `/customers/${C}/wallet/adjustments`]);
    expect(s.sent[1]!.body).toMatchObject({ reason: 'goodwill' });
  });

  it('an empty --reason is still refused (exit 2)', async () => {
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', ' ', '--yes'], { env: s.env() });
    expect(r.code).toBe(2);
    expect(s.sent).toHaveLength(0);
  });
});

describe('against the embedded engine', () => {
  const local = () => ({ CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') });

  it('--reason goodwill: exit 2 naming --reason and the known reasons', async () => {
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', 'goodwill'], { env: local() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reason "goodwill" is not one of external_topup, external_refund, gift, promotion, charge, correction');
  });

  it('a --file line with goodwill fails as invalid_reason', async () => {
    const file = join(dir, 'b.csv');
    writeFileSync(file, `customer,amount,asset,reason\n${C},5,USD,goodwill\n`);
    const r = await runMain(['adjust', '--file', file, '--dry-run', '-o', 'jsonl'], { env: local() });
    expect(r.stdout + r.stderr).toContain('invalid_reason');
  });
});
