import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

/** Lists answered as the `{items, total_count, limit, offset}` envelope or as a bare array. */
const CUSTOMERS = [
  { id: 'cust_473cr1y0ghbyc3m1yfbwvn3nxx', external_id: 'ana', name: 'Ana', created_at: '2025-11-14T03:25:02.8857879Z' },
  { id: 'cust_01m92hzcnkfaasc64dy6pq9w0q', external_id: 'bo', name: 'Bo', created_at: '2025-11-14T03:25:02Z' },
];

let dir: string;
let server: Server;
let requests = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-lists-'));
  server = createServer((req, res) => {
    requests++;
    const bare = req.url!.startsWith('/customers');
    const body = bare ? CUSTOMERS : { items: CUSTOMERS.slice(0, 1), total_count: 1, limit: 20, offset: 0 };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
const env = () => ({
  CREDYT_CONFIG_DIR: join(dir, 'config'),
  CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  CREDYT_API_KEY: 'key_test',
});

describe('a list answered as a bare array', () => {
  it('prints every item, piped and as JSON, with one request even with --all', async () => {
    const piped = await runMain(['customers', 'list'], { env: env() });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('cust_473cr1y0ghbyc3m1yfbwvn3nxx');
    expect(piped.stdout).toContain('cust_01m92hzcnkfaasc64dy6pq9w0q');
    requests = 0;
    const all = await runMain(['customers', 'list', '--all', '-o', 'json'], { env: env() });
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout).map((c: { id: string }) => c.id)).toEqual(CUSTOMERS.map((c) => c.id));
    expect(requests).toBe(1);
  });

  it('--limit 1 prints one', async () => {
    const r = await runMain(['customers', 'list', '--limit', '1'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('cust_473cr1y0ghbyc3m1yfbwvn3nxx');
  });

  it('the envelope still works', async () => {
    const r = await runMain(['products', 'list', '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).items).toHaveLength(1);
  });
});
