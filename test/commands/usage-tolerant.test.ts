import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

/**
 * `usage post` against a server that answers POST /events as Credyt may: 202 and no body
 * (Credyt has published neither status nor body), a 503 first, or no answer at all. A
 * small real server on 127.0.0.1 records each body it was sent.
 */
const CUSTOMER = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
type Answer = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let dir: string;
let server: Server;
let bodies: any[];
let answer: Answer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-tolerant-'));
  bodies = [];
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    answer(req, res, bodies.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({
  CREDYT_CONFIG_DIR: join(dir, 'config'),
  CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  CREDYT_API_KEY: 'key_test',
});
const noBody: Answer = (_req, res) => res.writeHead(202).end();

describe('usage post, one event', () => {
  it('202 with no body: exit 0, the sent id printed as sent; occurred_at sent (now)', async () => {
    answer = noBody;
    const before = Date.now();
    const r = await runMain(['usage', 'post', CUSTOMER, '--type', 'chat', '--data', 'tokens=12', '-o', 'json'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = bodies[0].events[0];
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(sent.occurred_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(sent.occurred_at).toMatch(/Z$/);
    expect(JSON.parse(r.stdout)).toEqual({ events: [{ id: sent.id, event_type: 'chat', status: 'sent' }] });
  });

  it('201 with an empty events list is sent too', async () => {
    answer = (_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"events":[]}');
    const r = await runMain(['usage', 'post', CUSTOMER, '--type', 'chat', '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).events[0]).toMatchObject({ id: bodies[0].events[0].id, status: 'sent' });
  });

  it('prints the id on a terminal too, and keeps --occurred-at as given', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    const r = await runMain(['usage', 'post', CUSTOMER, '--type', 'chat', '--occurred-at', '2026-03-01T10:00:00+01:00'], { env: env() });
    expect(r.code).toBe(0);
    expect(bodies[0].events[0].occurred_at).toBe('2026-03-01T09:00:00.000Z');
    expect(r.stdout).toContain(bodies[0].events[0].id);
    expect(r.stdout).toContain('sent');
  });

  it('503 then 202: the retry sends the same event (same id, same time), exit 0', async () => {
    answer = (_req, res, n) => (n === 1 ? res.writeHead(503, { 'retry-after': '0' }).end() : res.writeHead(202).end());
    const r = await runMain(['usage', 'post', CUSTOMER, '--type', 'chat', '-o', 'json'], { env: env() });
    expect(r.code).toBe(0);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(JSON.parse(r.stdout).events[0].id).toBe(bodies[0].events[0].id);
  });

  it('no answer at all: the error names the event and the command that re-sends it safely', async () => {
    answer = (req) => req.socket.destroy();
    const r = await runMain(['usage', 'post', CUSTOMER, '--type', 'chat', '--subject', "it's", '--data', 'n=1.50'], { env: env() });
    expect(r.code).toBe(8);
    const { id, occurred_at } = bodies[0].events[0];
    expect(bodies.every((b) => b.events[0].id === id)).toBe(true);
    expect(r.stderr).toContain(`(event ${id})`);
    expect(r.stderr).toContain(
      `credyt usage post ${CUSTOMER} --type chat --id ${id} --occurred-at ${occurred_at} --subject 'it'\\''s' --data-json '{"n":1.5}'`,
    );
  });
});

describe('usage post --file', () => {
  it.each([
    ['202 with no body', noBody],
    ['201 {"events":[]}', ((_req, res) => res.writeHead(201).end('{"events":[]}')) as Answer],
  ])('batches answered %s: every line counts as sent, exit 0', async (_what, given) => {
    answer = given;
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, [1, 2, 3].map((n) => JSON.stringify({ customer: CUSTOMER, type: 'chat', subject: `s${n}` })).join('\n') + '\n');
    const r = await runMain(['usage', 'post', '--file', file, '-o', 'jsonl'], { env: env() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.ok, l.status])).toEqual([
      [1, true, 'sent'],
      [2, true, 'sent'],
      [3, true, 'sent'],
    ]);
    expect(lines.map((l) => l.id)).toEqual(bodies.flatMap((b) => b.events.map((e: { id: string }) => e.id)));
    expect(r.stderr).toMatch(/3 lines: 0 accepted, 0 duplicate, 3 sent, 0 failed/);
  });
});
