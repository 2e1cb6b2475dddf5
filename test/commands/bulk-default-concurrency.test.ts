import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { startLocalServer, type LocalServer } from '../helpers/local-server.js';

/**
 * How many one-line requests `adjust --file` and `top-up --file` keep in flight when no
 * --concurrency is given (64 to a server on this machine): a real server on 127.0.0.1 holds every adjustment until the
 * client stops sending more (50 ms without a new one), then answers them all.
 */
const LINES = 80;
const customer = (i: number) => `cust_${String(i).padStart(26, '0')}`;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bulk-concurrency-'));
const adjustments = join(dir, 'a.csv');
const topUps = join(dir, 't.csv');
writeFileSync(adjustments, `customer,amount,asset,reason\n${Array.from({ length: LINES }, (_, i) => `${customer(i)},5,USD,gift`).join('\n')}\n`);
writeFileSync(topUps, `customer,amount,currency\n${Array.from({ length: LINES }, (_, i) => `${customer(i)},5,USD`).join('\n')}\n`);

let server: LocalServer;
let held: { res: ServerResponse; body: string }[] = [];
let most = 0;
let timer: NodeJS.Timeout | undefined;

function answerHeld(): void {
  for (const { res, body } of held.splice(0)) {
    const sent = JSON.parse(body) as { transaction_id: string; amount: string; asset: string; reason: string };
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: sent.transaction_id, transaction_id: sent.transaction_id, amount: sent.amount, asset: sent.asset, reason: sent.reason }));
  }
}

beforeAll(async () => {
  server = await startLocalServer((req, res, body) => {
    if (req.method !== 'POST' || !/^\/customers\/[^/]+\/wallet\/adjustments$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    held.push({ res, body });
    most = Math.max(most, held.length);
    clearTimeout(timer);
    timer = setTimeout(answerHeld, 50);
  });
});
afterAll(async () => {
  clearTimeout(timer);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: server.baseUrl, CREDYT_API_KEY: 'key_test' };
}

describe('one request per line: lines in flight by default', () => {
  it.each([
    ['adjust', adjustments],
    ['top-up', topUps],
  ])('%s --file keeps 64 requests in flight across customers of a server on this machine', async (verb, file) => {
    most = 0;
    held = [];
    const r = await runMain([verb, '--file', file, '--yes', '-o', 'json'], { env: env() });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(most).toBe(64);
  });

  it('--concurrency 32, the default elsewhere, is kept when given', async () => {
    most = 0;
    held = [];
    const r = await runMain(['top-up', '--file', topUps, '--yes', '--concurrency', '32', '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(most).toBe(32);
  });

  it('--concurrency still bounds it', async () => {
    most = 0;
    held = [];
    const r = await runMain(['adjust', '--file', adjustments, '--yes', '--concurrency', '4', '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(most).toBe(4);
  });
});

/**
 * A server on this machine that takes batches of adjustments (the local extension): it
 * answers the empty probe at once and holds every batch until no new one comes for 50 ms.
 */
describe('credit batches in flight by default', () => {
  const batchLines = join(dir, 'batched.csv');
  writeFileSync(batchLines, `customer,amount,asset,reason\n${Array.from({ length: 4_000 }, (_, i) => `${customer(i % 80)},5,USD,gift`).join('\n')}\n`);
  let batches: LocalServer;
  let heldBatches: { res: ServerResponse; items: { transaction_id: string; amount: string; asset: string; reason: string }[] }[] = [];
  let mostBatches = 0;
  let batchTimer: NodeJS.Timeout | undefined;

  function answerBatches(): void {
    for (const { res, items } of heldBatches.splice(0)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results: items.map((a) => ({ status: 201, replayed: false, body: { id: a.transaction_id, ...a } })) }));
    }
  }

  beforeAll(async () => {
    batches = await startLocalServer((req, res, body) => {
      if (req.method !== 'POST' || req.url !== '/local/wallet-adjustments') {
        res.writeHead(404).end();
        return;
      }
      const items = (JSON.parse(body) as { adjustments: { transaction_id: string; amount: string; asset: string; reason: string }[] }).adjustments;
      if (items.length === 0) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[]}');
        return;
      }
      heldBatches.push({ res, items });
      mostBatches = Math.max(mostBatches, heldBatches.length);
      clearTimeout(batchTimer);
      batchTimer = setTimeout(answerBatches, 50);
    });
  });
  afterAll(async () => {
    clearTimeout(batchTimer);
    await batches.close();
  });

  it.each([
    [[], 4],
    [['--concurrency', '2'], 2],
  ])('adjust --file %j keeps %i batches in flight to a server on this machine', async (flags, expected) => {
    mostBatches = 0;
    heldBatches = [];
    const batchEnv = { ...env(), CREDYT_BASE_URL: batches.baseUrl };
    const r = await runMain(['adjust', '--file', batchLines, '--yes', ...flags, '-o', 'json'], { env: batchEnv });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: 4_000 });
    expect(mostBatches).toBe(expected);
  });
});

describe('--concurrency is checked alike for every bulk kind', () => {
  it.each(['usage post', 'top-up', 'adjust'])('%s: 0 and 65 are out of range (exit 2), naming the flag', async (verb) => {
    for (const bad of ['0', '65']) {
      const r = await runMain([...verb.split(' '), '--file', adjustments, '--concurrency', bad], { env: env() });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`option '--concurrency <n>' argument '${bad}' is invalid. ${bad} is out of range 1–64.`);
    }
  });

  it.each([
    ['usage', 'post', 'acme', '--type', 'chat'],
    ['top-up', 'acme', '1', 'USD'],
    ['adjust', 'acme', '1', 'USD', '--reason', 'manual'],
  ])('%s without --file refuses --concurrency (exit 2), as the other bulk-only flags', async (...args) => {
    const r = await runMain([...args, '--concurrency', '8', '--yes'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--concurrency goes with --file.');
  });
});
