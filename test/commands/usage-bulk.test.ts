import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { screen } from '../helpers/screen.js';
import { main } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-usage-bulk-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  const ok = async (args: string[]) => {
    const r = await runMain(args, { env });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  };
  await ok(['products', 'create', '--file', VIDEO, '--publish']);
  for (const c of ['v1', 'v2']) await ok(['customers', 'create', '--name', c, '--external-id', c, '--product', 'glitch_video_std']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function results(stdout: string): { line: number; ok: boolean; status?: string; unbilled?: boolean; error?: { code: string } }[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('usage post --file: a line too large for one request', () => {
  it('is rejected alone, before batching; its neighbours in the same batch go in', async () => {
    const big = 'x'.repeat(10.5 * 1024 * 1024);
    const lines = [
      { customer: 'v1', type: 'video_promoted', subject: 'big_1' },
      { customer: 'v1', type: 'video_promoted', subject: 'big_2', data: { blob: big } },
      { customer: 'v1', type: 'video_promoted', subject: 'big_3' },
    ];
    const file = join(dir, 'oversized.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await runMain(['usage', 'post', '--file', file, '-o', 'jsonl'], { env });
    expect(r.code).toBe(9);
    const got = results(r.stdout);
    expect(got.map((x) => [x.line, x.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(got[1]!.error!.code).toBe('payload_too_large');
    expect(r.stderr).toMatch(/oversized\.ndjson:2: .*10 MiB/);
  });
});

describe('usage post --file on a terminal: messages and the progress bar', () => {
  it('failed lines are logged above the bar; no bar is left behind; the summary follows the messages', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      // Every 40th line unreadable, every 50th for a customer that does not exist.
      if (i % 40 === 7) lines.push('{"customer":"v1","type":');
      else lines.push(JSON.stringify({ customer: i % 50 === 3 ? 'ghost' : 'v1', type: 'video_promoted', subject: `tty_${i}` }));
    }
    const file = join(dir, 'tty.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const io = bufferedStreams({ tty: true });
    // As the real stderr of a terminal: cli-progress looks at the stream itself.
    Object.assign(io.stderr, { isTTY: true, columns: 100 });
    const code = await main(['usage', 'post', '--file', file, '--batch-size', '20'], createContext(io, { ...env }, '0.0.0-test'));
    expect(code).toBe(9);
    const bytes = io.err();
    // The bar really was drawn, and nothing saves and restores the cursor around it.
    expect(bytes).toMatch(/\d+ lines \| \d+ lines\/s/);
    expect(bytes).not.toMatch(/\x1b[78]/);
    // Each message: the bar's line cleared first, the bar drawn again below it.
    const message = /\/[^\s\x1b]*tty\.ndjson:\d+: [^\n]*\n/g;
    for (const m of bytes.matchAll(message)) {
      expect(bytes.slice(m.index! - 8, m.index), m[0]).toBe('\x1b[1G\x1b[2K');
      expect(bytes.slice(m.index! + m[0].length, m.index! + m[0].length + 4)).toBe('\x1b[1G');
    }
    // The bar cleared (cursor shown again, erase to the end of the screen) before the summary.
    expect(bytes).toMatch(/\x1b\[\?25h\x1b\[1G\x1b\[0J400 lines: /);
    const shown = screen(bytes).filter((l) => l !== '');
    const failed = [...new Set(lines.flatMap((l, i) => (l.includes('ghost') || !l.endsWith('}') ? [i + 1] : [])))];
    expect(shown.slice(0, failed.length)).toEqual(failed.map((n) => expect.stringMatching(new RegExp(`tty\\.ndjson:${n}: `))));
    expect(shown[failed.length]).toMatch(/^400 lines: \d+ accepted, 0 duplicate, 18 failed in /);
    expect(shown.join('\n')).not.toMatch(/lines\/s \|| \| \d+ lines/);
  });
});

describe('events that match no price', () => {
  it('a single usage post warns on stderr; with --strict it exits 5', async () => {
    const billed = await runMain(['usage', 'post', 'v1', '--type', 'video_promoted', '-o', 'json'], { env });
    expect(billed.code, billed.stderr).toBe(0);
    expect(billed.stderr).toBe('');
    const typo = await runMain(['usage', 'post', 'v1', '--type', 'video_promotd', '-o', 'json'], { env });
    expect(typo.code, typo.stderr).toBe(0);
    const id = JSON.parse(typo.stdout).events[0].id;
    expect(typo.stderr).toBe(
      `Warning: event ${id} (type video_promotd) matched no price of the customer's products: accepted, but nothing was billed. Check --type against the product's prices, or use --strict to make this an error.\n`,
    );
    const strict = await runMain(['usage', 'post', 'v1', '--type', 'video_promotd', '--strict', '-o', 'json'], { env });
    expect(strict.code).toBe(5);
    expect(strict.stderr).toMatch(/Error: event \S+ \(type video_promotd\) matched no price of the customer's products: stored, but not billed \(--strict\)/);
  });

  it('a bulk run counts unbilled lines apart and marks them in -o jsonl; --strict fails them', async () => {
    const lines = [
      { customer: 'v2', type: 'video_promoted', subject: 'unbilled_1' },
      { customer: 'v2', type: 'video_promotd', subject: 'unbilled_2' },
      { customer: 'v2', type: 'video_promoted', subject: 'unbilled_3' },
    ];
    const file = join(dir, 'unbilled.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const summary = await runMain(['usage', 'post', '--file', file, '-o', 'json'], { env });
    expect(summary.code, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ lines: 3, accepted: 3, failed: 0, unbilled: 1 });
    expect(summary.stderr).toMatch(/Warning: 1 line unbilled: accepted, but they matched no price/);

    const jsonl = await runMain(['usage', 'post', '--file', file, '-o', 'jsonl'], { env });
    const got = results(jsonl.stdout);
    expect(got.map((x) => [x.status, x.unbilled])).toEqual([
      ['duplicate', undefined],
      ['duplicate', true],
      ['duplicate', undefined],
    ]);
    expect(jsonl.stdout.split('\n')[1]).toMatch(/"status":"duplicate","unbilled":true,"fees":\[\]\}$/);

    const strict = await runMain(['usage', 'post', '--file', file, '--strict', '-o', 'jsonl'], { env });
    expect(strict.code).toBe(9);
    expect(results(strict.stdout).map((x) => [x.line, x.ok, x.error?.code])).toEqual([
      [1, true, undefined],
      [2, false, 'unbilled'],
      [3, true, undefined],
    ]);
    expect(strict.stderr).toMatch(/unbilled\.ndjson:2: event \S+ matched no price: stored, but not billed \(--strict\)/);
  });
});

describe('a server whose POST /events answer says nothing of fees (Credyt has not published it)', () => {
  it('nothing is counted unbilled; --strict reads the stored event (single) or says what it could not check (bulk)', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`);
        res.setHeader('content-type', 'application/json');
        if (req.method === 'POST' && req.url === '/events') {
          const events = (JSON.parse(body) as { events: { id: string }[] }).events;
          res.writeHead(201).end(JSON.stringify({ events: events.map((e) => ({ id: e.id, status: 'accepted' })) }));
        } else if (req.method === 'GET' && req.url!.startsWith('/events/')) {
          res.writeHead(200).end(JSON.stringify({ id: req.url!.slice(8), event_type: 'x', fees: [] }));
        } else res.writeHead(404).end('{"status":404}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const remote = { ...env, CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, CREDYT_API_KEY: 'key_test_unbilled' };
    const customer = 'cust_' + 'a'.repeat(26);
    try {
      const plain = await runMain(['usage', 'post', customer, '--type', 'video_promotd', '-o', 'json'], { env: remote });
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stderr).toBe('');
      expect(requests).toEqual(['POST /events']);

      const strict = await runMain(['usage', 'post', customer, '--type', 'video_promotd', '--strict', '-o', 'json'], { env: remote });
      expect(strict.code).toBe(5);
      expect(requests.slice(1)).toEqual(['POST /events', expect.stringMatching(/^GET \/events\/[0-9a-f-]{36}$/)]);

      const file = join(dir, 'remote.ndjson');
      writeFileSync(file, JSON.stringify({ customer, type: 'video_promotd' }) + '\n' + JSON.stringify({ customer, type: 'video_promoted' }) + '\n');
      const bulk = await runMain(['usage', 'post', '--file', file, '--strict', '-o', 'json'], { env: remote });
      expect(bulk.code, bulk.stderr).toBe(0);
      expect(JSON.parse(bulk.stdout)).toMatchObject({ lines: 2, accepted: 2, unbilled: 0 });
      expect(bulk.stderr).toMatch(/--strict: the answers for 2 lines said nothing of fees \(Credyt has not published its POST \/events answer\), so they were not checked/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a bulk run against local serve, which answers minimally when no fees are printed', () => {
  let box: InProcessSandbox;
  let server: InProcessServer;
  beforeAll(async () => {
    box = inProcessSandbox();
    server = await serveInProcess(box);
  });
  afterAll(async () => {
    await server.stop();
    box.cleanup();
  });

  it('counts unbilled lines from the minimal answer, and prints fees from the full one with -o jsonl', async () => {
    const remote = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    expect((await box.run(['products', 'create', '--file', VIDEO, '--publish'], { env: remote })).code).toBe(0);
    expect((await box.run(['customers', 'create', '--name', 'h', '--external-id', 'h1', '--product', 'glitch_video_std'], { env: remote })).code).toBe(0);
    const file = join(box.dir, 'http.ndjson');
    const lines = [
      { customer: 'h1', type: 'video_promoted', subject: 's1' },
      { customer: 'h1', type: 'video_promotd', subject: 's2' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const summary = await box.run(['usage', 'post', '--file', file, '-o', 'json'], { env: remote });
    expect(summary.code, summary.stderr).toBe(0);
    expect(JSON.parse(summary.stdout)).toMatchObject({ lines: 2, accepted: 2, unbilled: 1 });
    const again = await box.run(['usage', 'post', '--file', file, '-o', 'json'], { env: remote });
    expect(JSON.parse(again.stdout)).toMatchObject({ lines: 2, duplicate: 2, unbilled: 1 });
    const jsonl = await box.run(['usage', 'post', '--file', file, '-o', 'jsonl'], { env: remote });
    const got = results(jsonl.stdout);
    expect(got.map((x) => [x.status, x.unbilled])).toEqual([
      ['duplicate', undefined],
      ['duplicate', true],
    ]);
    expect(jsonl.stdout.split('\n')[0]).toMatch(/"fees":\[\{"product_id"/);
  });
});

describe('requests in flight by default', () => {
  it('16 batches at once to a server on this machine; --concurrency sets it', async () => {
    let inFlight = 0;
    let most = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        most = Math.max(most, ++inFlight);
        const events = (JSON.parse(body) as { events: { id: string }[] }).events;
        // Held a moment, so that every batch the client would send at once is out together.
        setTimeout(() => {
          inFlight--;
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ events: events.map((e) => ({ id: e.id, status: 'accepted', billed: true })) }));
        }, 100);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const remote = { ...env, CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, CREDYT_API_KEY: 'key_test_inflight' };
    const file = join(dir, 'many-customers.ndjson');
    writeFileSync(file, Array.from({ length: 40 }, (_, i) => JSON.stringify({ customer: `c${i}`, type: 't' })).join('\n') + '\n');
    try {
      const run = await runMain(['usage', 'post', '--file', file, '-o', 'json'], { env: remote });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ lines: 40, accepted: 40 });
      expect(most).toBe(16);
      most = 0;
      const two = await runMain(['usage', 'post', '--file', file, '--concurrency', '2', '-o', 'json'], { env: remote });
      expect(two.code, two.stderr).toBe(0);
      expect(most).toBe(2);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
