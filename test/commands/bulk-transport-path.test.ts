import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { startLocalServer, type LocalServer } from '../helpers/local-server.js';

/**
 * Which HTTP client carries each request of a command, seen by a real server on
 * 127.0.0.1: node:http writes its Host header as `Host`, undici as `host`. A bulk run
 * (`--file`) goes through undici's pool from its very first request; a one-shot command
 * stays on node:http however many requests it sends.
 */
const LINES = 12;
const customer = (i: number) => `cust_${String(i).padStart(26, '0')}`;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bulk-path-'));
const adjustments = join(dir, 'a.csv');
const topUps = join(dir, 't.csv');
writeFileSync(adjustments, `customer,amount,asset,reason\n${Array.from({ length: LINES }, (_, i) => `${customer(i)},5,USD,gift`).join('\n')}\n`);
writeFileSync(topUps, `customer,amount,currency\n${Array.from({ length: LINES }, (_, i) => `${customer(i)},5,USD`).join('\n')}\n`);

/** Customers the list answers, one to a page whatever the limit: `--all` follows every page. */
const LISTED = 12;

let server: LocalServer;
/** `<client> <method> <path>` of each request, in arrival order. */
let seen: string[] = [];

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  const send = (status: number, value?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(value === undefined ? '' : JSON.stringify(value));
  };
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && /^\/customers\/[^/]+\/wallet\/adjustments$/.test(url.pathname)) {
    const sent = JSON.parse(body) as { transaction_id: string; amount: string; asset: string; reason: string };
    return send(201, { id: sent.transaction_id, transaction_id: sent.transaction_id, amount: sent.amount, asset: sent.asset, reason: sent.reason });
  }
  if (req.method === 'GET' && url.pathname === '/customers') {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const items = offset < LISTED ? [{ id: customer(offset), external_id: `ext_${offset}`, name: `Customer ${offset}` }] : [];
    return send(200, { items, total_count: LISTED, limit: 1, offset });
  }
  send(404, { status: 404, title: 'Not Found' });
}

beforeAll(async () => {
  server = await startLocalServer((req, res, body) => {
    seen.push(`${req.rawHeaders.includes('Host') ? 'node:http' : 'undici'} ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
    answer(req, res, body);
  });
});
beforeEach(() => {
  seen = [];
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: server.baseUrl, CREDYT_API_KEY: 'key_test' };
}

const clients = () => [...new Set(seen.map((s) => s.split(' ')[0]))];

describe('the HTTP client a command uses', () => {
  // One request in flight at a time: a pace that never looked like a bulk run from outside.
  it.each([
    ['adjust', adjustments],
    ['top-up', topUps],
  ])('%s --file sends every request through the pool, its first one included', async (verb, file) => {
    const r = await runMain([verb, '--file', file, '--yes', '--concurrency', '1', '-o', 'json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    // The batch probe (answered 404 here), then one request a line.
    expect(seen[0]).toBe('undici POST /local/wallet-adjustments');
    expect(seen).toHaveLength(LINES + 1);
    expect(clients()).toEqual(['undici']);
  });

  it('a dry run of a --file run goes through the pool too', async () => {
    const r = await runMain(['adjust', '--file', adjustments, '--dry-run', '--concurrency', '1', '-o', 'json'], { env: env() });
    // The lookups of this server answer 404: the plan names the lines that would fail.
    expect([0, 9]).toContain(r.code);
    expect(seen.length).toBeGreaterThan(0);
    expect(clients()).toEqual(['undici']);
  });

  it('a one-shot command stays on node:http past eight requests (customers list --all)', async () => {
    const r = await runMain(['customers', 'list', '--all', '-o', 'json'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toHaveLength(LISTED);
    expect(clients()).toEqual(['node:http']);
  });
});
