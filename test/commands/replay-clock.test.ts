import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { earlier } from '../../src/services/credit/send.js';

/**
 * A server without the `idempotent-replayed` header whose clock runs behind ours (a remote
 * API): a fresh credit must not be reported as a replay because its `created_at` reads as
 * before the request on this machine's clock; a credit made long before still is one.
 */
const CUSTOMER = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
const BEHIND_MS = 10_000;

let dir: string;
let server: Server;
/** How long before the server's "now" the adjustment it answers was created. */
let createdAgoMs: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-replay-clock-'));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const serverNow = Date.now() - BEHIND_MS;
    res.writeHead(201, { 'content-type': 'application/json', date: new Date(serverNow).toUTCString() });
    res.end(JSON.stringify({ id: body.transaction_id, created_at: new Date(serverNow - createdAgoMs).toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const topUp = () =>
  runMain(['top-up', CUSTOMER, '5', 'USD', '--yes', '-o', 'json'], {
    env: {
      CREDYT_CONFIG_DIR: join(dir, 'config'),
      CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      CREDYT_API_KEY: 'key_test',
    },
  });

describe('replays told by created_at, on the server clock', () => {
  it('a fresh credit from a server 10 s behind is accepted, not "already applied"', async () => {
    createdAgoMs = 0;
    const r = await topUp();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Already applied');
    expect(JSON.parse(r.stdout).status).not.toBe('duplicate');
  });

  it('a credit the server made an hour before is a duplicate', async () => {
    createdAgoMs = 3_600_000;
    const r = await topUp();
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('duplicate');
  });

  it('reads our clock only when the answer has no Date', () => {
    const sent = Date.parse('2026-12-05T10:00:00.000Z');
    expect(earlier('2026-12-05T09:59:59.000Z', sent, sent + 50, undefined)).toBe(true);
    expect(earlier('2026-12-05T09:59:59.000Z', sent, sent + 50, 'Sat, 05 Dec 2026 09:59:59 GMT')).toBe(false);
    expect(earlier('2026-12-05T09:50:00.000Z', sent, sent + 50, 'Sat, 05 Dec 2026 09:59:59 GMT')).toBe(true);
  });
});
