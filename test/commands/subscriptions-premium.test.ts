import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox } from '../helpers/in-process-sandbox.js';

const PREMIUM = resolve(import.meta.dirname, '../../examples/products/premium.yaml');
const URLS = ['--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed'];

/**
 * Credyt's Premium plan driven through the CLI alone, on the embedded engine: 20 USD a
 * month, 1,000 CREDIT a month (expire_and_replace), 10 CREDIT an image; the local clock
 * stands in for time. `local verify` after every step.
 */
describe('the Premium plan through the CLI: subscribe, pay, use, advance the clock', () => {
  let box: InProcessSandbox;
  const ok = async (args: string[], tty = false) => {
    const r = await box.run(args, { tty });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  const balances = async () => {
    const wallet = json(await ok(['wallet', 'get', 'ada', '-o', 'json']));
    const of = (asset: string) => wallet.accounts.find((a: { asset: string }) => a.asset === asset)?.available;
    return { USD: of('USD'), CREDIT: of('CREDIT') };
  };
  const verified = async () => expect(json(await ok(['local', 'verify', '-o', 'json']))).toMatchObject({ ok: true, violations: [] });

  beforeAll(() => {
    box = inProcessSandbox();
  });
  afterAll(() => box.cleanup());

  it('pending → complete → 1,000 CREDIT; 3 images → 970; 31 days → 1,000 and USD −20; again → −40; 12 months → 12 fees', async () => {
    await ok(['assets', 'create', '--code', 'CREDIT', '--name', 'Credits', '--precision', '0']);
    await ok(['products', 'create', '--file', PREMIUM, '--publish']);
    const customer = json(await ok(['customers', 'create', '--name', 'Ada', '--external-id', 'ada', '--product', 'premium_monthly_01', ...URLS, '-o', 'json']));
    const sub = customer.subscriptions[0];
    expect(sub.status).toBe('pending');
    await verified();

    expect(json(await ok(['subscriptions', 'complete', sub.id, '-o', 'json']))).toMatchObject({ status: 'active' });
    expect(await balances()).toEqual({ USD: 0, CREDIT: 1000 });
    await verified();

    for (let i = 0; i < 3; i++) await ok(['usage', 'post', 'ada', '--type', 'image_generated']);
    expect(await balances()).toEqual({ USD: 0, CREDIT: 970 });
    await verified();

    const first = await ok(['local', 'clock', 'advance', '31d'], true);
    expect(first.stderr).toMatch(/Clock now \S+; processed: 1 renewal, 1 grant expiry\n/);
    // 31 days, less the milliseconds the move itself took (whole seconds, truncated).
    expect(first.stdout).toMatch(/│ OFFSET SECONDS +│ 2678(3\d\d|4\d\d) +│/);
    expect(await balances()).toEqual({ USD: -20, CREDIT: 1000 });
    await verified();

    const second = json(await ok(['local', 'clock', 'advance', 'P31D', '-o', 'json']));
    expect(second.processed).toEqual({ renewals: 1, grant_expiries: 1, top_up_expiries: 0 });
    expect(await balances()).toEqual({ USD: -40, CREDIT: 1000 });
    await verified();

    const year = (await ok(['local', 'clock', 'advance', '12mo'])).stdout.replace(/\n$/, '').split('\t');
    expect(year[3]).toBe('12 renewals, 12 grant expiries');
    expect(await balances()).toEqual({ USD: -280, CREDIT: 1000 });
    await verified();

    const view = json(await ok(['subscriptions', 'get', sub.id, '-o', 'json']));
    expect(view.status).toBe('active');
    expect(Date.parse(view.current_period_start)).toBeLessThanOrEqual(Date.parse(json(await ok(['local', 'clock', '-o', 'json'])).now));
  });

  it('the clock: shown at a terminal and piped; malformed and backward moves refused, nothing changed', async () => {
    const tty = await ok(['local', 'clock'], true);
    expect(tty.stdout).toMatch(/│ NOW +│ \d{4}-\d\d-\d\dT/);
    expect(tty.stdout).toMatch(/│ WALL TIME +│/);
    const before = (await ok(['local', 'clock'])).stdout.split('\t');
    expect(before).toHaveLength(3);
    expect(Number(before[2])).toBeGreaterThan(400 * 86_400);

    const bad = await box.run(['local', 'clock', 'advance', '3 weeks']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DURATION "3 weeks" is not a duration');
    const back = await box.run(['local', 'clock', 'set', '2020-01-01T00:00:00Z']);
    expect(back.code).toBe(5);
    expect(back.stderr).toContain('the clock only moves forward');
    const reset = await box.run(['local', 'clock', 'reset']);
    expect(reset.code).toBe(5);
    expect(reset.stderr).toMatch(/are dated after wall time .*; the clock cannot go back before them/);
    const after = json(await ok(['local', 'clock', '-o', 'json']));
    expect(after.now >= before[0]!).toBe(true);
    expect(Number(after.offset_seconds)).toBeGreaterThan(400 * 86_400);
  });

  it('a fresh database: reset is allowed, and set moves forward', async () => {
    const fresh = inProcessSandbox();
    try {
      const reset = await fresh.run(['local', 'clock', 'reset', '-o', 'json']);
      expect(reset.code, reset.stderr).toBe(0);
      expect(json(reset).offset_seconds).toBe(0);
      const set = await fresh.run(['local', 'clock', 'set', '2099-01-01T00:00:00Z', '-o', 'json']);
      expect(set.code, set.stderr).toBe(0);
      expect(json(set)).toMatchObject({ now: expect.stringMatching(/^2099-01-01T00:00:00\./), processed: { renewals: 0 } });
    } finally {
      fresh.cleanup();
    }
  });
});

describe('one clock per database: credyt local serve and the embedded profile agree', () => {
  it('a move through the server is the time the embedded engine reads from the same file', async () => {
    const box = inProcessSandbox();
    const served = await serveInProcess(box);
    try {
      const http = { CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey };
      const moved = await box.run(['local', 'clock', 'advance', '2w', '-o', 'json'], { env: http });
      expect(moved.code, moved.stderr).toBe(0);
      expect(Number(json(moved).offset_seconds)).toBeGreaterThanOrEqual(14 * 86_400 - 1);
      const embedded = await box.run(['local', 'clock', '--db', join(box.dir, 'served.db'), '-o', 'json']);
      expect(embedded.code, embedded.stderr).toBe(0);
      expect(Number(json(embedded).offset_seconds)).toBe(Number(json(moved).offset_seconds));
      const viaServer = json(await box.run(['local', 'clock', '-o', 'json'], { env: http }));
      expect(viaServer.offset_seconds).toBe(json(embedded).offset_seconds);
    } finally {
      await served.stop();
      box.cleanup();
    }
  });
});
