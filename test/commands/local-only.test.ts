import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

/**
 * Local-only commands against a server that does not serve their endpoints, as a hosted
 * Credyt would: 404 with no body (or 405). One clear error and exit 12, not "not found".
 */
let dir: string;
let server: Server;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-local-only-'));
  server = createServer((req, res) => {
    if (req.method === 'POST' && req.url!.endsWith('/complete')) return void res.writeHead(405).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});
const remote = () => ({
  CREDYT_CONFIG_DIR: join(dir, 'config'),
  CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  CREDYT_API_KEY: 'key_test',
});
const CUSTOMER = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';

describe('a local-only command against a server without its endpoint', () => {
  it.each([
    [['rates', 'list', 'TOK'], 'rates list', 'GET /assets/TOK/rates'],
    [['wallet', 'history', CUSTOMER], 'wallet history', `GET /customers/${CUSTOMER}/wallet/transactions`],
    [['top-ups', 'complete', 'top_473cr1y0ghbyc3m1yfbwvn3nxx', '--yes'], 'top-ups complete/fail', 'POST /top-ups/top_473cr1y0ghbyc3m1yfbwvn3nxx/complete'],
    [['subscriptions', 'list', '--status', 'pending'], 'subscriptions list', 'GET /subscriptions'],
    [['subscriptions', 'complete', 'sub_411xhg4kqakf3d8ybezbzta558'], 'subscriptions complete', 'POST /subscriptions/sub_411xhg4kqakf3d8ybezbzta558/complete'],
    [['local', 'clock', 'advance', '31d'], 'local clock advance', 'POST /local/clock/advance'],
  ])('credyt %j: exit 12, names the command, the endpoint and the way out', async (argv, command, endpoint) => {
    const r = await runMain(argv, { env: remote() });
    expect(r.stderr).toContain(`\`credyt ${command}\` uses ${endpoint}, which Credyt has not published`);
    expect(r.stderr).toContain('works with local profiles');
    expect(r.stderr).toContain('credyt api');
    expect(r.code).toBe(12);
  });

  it('a published read that 404s is still "not found" (exit 4)', async () => {
    const r = await runMain(['customers', 'get', CUSTOMER], { env: remote() });
    expect(r.code).toBe(4);
  });

  it('the local engine naming a missing top-up is still exit 4', async () => {
    const r = await runMain(['top-ups', 'get', 'top_473cr1y0ghbyc3m1yfbwvn3nxx'], {
      env: { CREDYT_CONFIG_DIR: join(dir, 'local-config'), CREDYT_DB: join(dir, 'local.db') },
    });
    expect(r.code).toBe(4);
    expect(r.stderr).not.toContain('not published');
  });
});
