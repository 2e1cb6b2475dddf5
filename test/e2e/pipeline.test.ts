import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, json, sandbox, serve, type CliResult, type Sandbox } from '../helpers/cli.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');
const CUSTOMERS = ['v1', 'v2', 'v3', 'v4', 'v5'];

/** `n` usage lines of video_promoted (0.50 USD each), customers in turn, no ids. */
function usageLines(n: number, from = 0): string[] {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(JSON.stringify({ customer: CUSTOMERS[i % CUSTOMERS.length], type: 'video_promoted', subject: `vid_${i}` }));
  }
  return lines;
}

/** Balance of default:USD after `n` lines from 0: each customer pays 0.5 per line of theirs. */
function expectedBalances(n: number): Record<string, number> {
  const out: Record<string, number> = {};
  CUSTOMERS.forEach((c, k) => (out[c] = -0.5 * Math.floor((n - k + CUSTOMERS.length - 1) / CUSTOMERS.length)));
  return out;
}

async function setUp(box: Sandbox, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const ok = async (args: string[]) => {
    const r = await box.run(args, { env });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  };
  await ok(['products', 'create', '--file', VIDEO, '--publish']);
  for (const c of CUSTOMERS) await ok(['customers', 'create', '--name', c, '--external-id', c, '--product', 'glitch_video_std']);
}

async function balances(box: Sandbox, env: NodeJS.ProcessEnv = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of CUSTOMERS) {
    const r = await box.run(['wallet', 'account', c, 'default:USD', '-o', 'json'], { env });
    out[c] = Number(json(r).available);
  }
  return out;
}

function counts(result: CliResult): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { ok: boolean; status?: string };
    const key = r.ok ? r.status! : 'failed';
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

describe('usage post --file at scale (embedded engine)', () => {
  let box: Sandbox;
  // Six CLI runs; a loaded 2-core machine needs more than the default 30 s.
  beforeAll(async () => {
    box = sandbox();
    await setUp(box);
  }, 120_000);
  afterAll(() => box.cleanup());

  it('100,000 lines posted twice: balances as after one run, the second run all duplicates', async () => {
    const n = 100_000;
    const file = join(box.dir, 'usage.ndjson');
    writeFileSync(file, usageLines(n).join('\n') + '\n');
    const first = await box.run(['usage', 'post', '--file', file, '-o', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toMatchObject({ lines: n, accepted: n, duplicate: 0, failed: 0 });
    expect(await balances(box)).toEqual(expectedBalances(n));
    const second = await box.run(['usage', 'post', '--file', file, '-o', 'jsonl']);
    expect(second.code, second.stderr).toBe(0);
    expect(counts(second)).toEqual({ duplicate: n });
    const lines = second.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).line)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(second.stderr).toMatch(/100,000 lines: 0 accepted, 100,000 duplicate, 0 failed/);
    expect(await balances(box)).toEqual(expectedBalances(n));
  }, 400_000);
});

describe('usage post --file: malformed, truncated and empty input (embedded engine)', () => {
  let box: Sandbox;
  // Six CLI runs; a loaded 2-core machine needs more than the default 30 s.
  beforeAll(async () => {
    box = sandbox();
    await setUp(box);
  }, 120_000);
  afterAll(() => box.cleanup());

  it('malformed lines are reported with their line numbers and rejected; the good ones apply; exit 9', async () => {
    const good = usageLines(10);
    const bad = ['{"customer":"v1","type":', 'not json', '{"customer":"v2"}', '{"customer":"v3","type":"video_promoted","id":"nope"}', '[1,2]', '{"customer":"nobody","type":"video_promoted"}'];
    const lines = [good[0], bad[0], good[1], good[2], bad[1], good[3], '', bad[2], good[4], good[5], bad[3], good[6], bad[4], good[7], good[8], bad[5], good[9]];
    const file = join(box.dir, 'mixed.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const rejects = join(box.dir, 'rejects.ndjson');
    const r = await box.run(['usage', 'post', '--file', file, '--rejects', rejects, '-o', 'jsonl']);
    expect(r.code).toBe(9);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    const failed = results.filter((x) => !x.ok).map((x) => x.line);
    expect(failed).toEqual([2, 5, 8, 11, 13, 16]);
    expect(results.filter((x) => x.ok)).toHaveLength(10);
    expect(results.find((x) => x.line === 16).error.code).toBe('not_found');
    // Verbatim, but a line that was sent carries the id it was sent with (derived, so a
    // rejects file fed back cannot renumber identical lines onto an applied one).
    const written = readFileSync(rejects, 'utf8').split('\n');
    expect(written.slice(0, 5)).toEqual(bad.slice(0, 5));
    expect(written[5]!.replace(/^\{"id":"[0-9a-f-]{36}",/, '{')).toBe(bad[5]);
    expect(written.slice(6)).toEqual(['']);
    for (const line of [2, 5, 8, 11, 13, 16]) expect(r.stderr).toContain(`mixed.ndjson:${line}:`);
    expect(r.stderr).toMatch(/6 of 16 lines failed/);
    expect(await balances(box)).toEqual(expectedBalances(10));

    // --fail-fast stops at the first failure; the lines after it are not read.
    const fast = await box.run(['usage', 'post', '--file', file, '--fail-fast', '-o', 'jsonl']);
    expect(fast.code).toBe(9);
    expect(fast.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).line)).toEqual([1, 2]);
  });

  it('input cut by head -c: the cut line is reported, the rest applied; an empty input is no error', async () => {
    const text = usageLines(20, 100).join('\n') + '\n';
    const cut = text.slice(0, text.length - 25);
    const r = await box.run(['usage', 'post', '--file', '-', '-o', 'jsonl'], { input: cut });
    expect(r.code).toBe(9);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(results).toHaveLength(20);
    expect(results.slice(0, 19).every((x) => x.ok)).toBe(true);
    expect(results[19]).toMatchObject({ line: 20, ok: false, error: { code: 'malformed' } });
    // Re-run with the whole input: the 19 are duplicates, the 20th goes in now.
    const whole = await box.run(['usage', 'post', '--file', '-', '-o', 'jsonl'], { input: text });
    expect(counts(whole)).toEqual({ duplicate: 19, accepted: 1 });

    const empty = await box.run(['usage', 'post', '--file', '-'], { input: '' });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/No events in <stdin>/);
  });

  it('CSV with data.<key> columns, guessed from the extension', async () => {
    const file = join(box.dir, 'usage.csv');
    writeFileSync(file, 'customer,type,subject,data.seconds\nv1,video_promoted,csv_1,12\nv2,video_promoted,csv_2,7\nv3,video_promoted\n');
    const r = await box.run(['usage', 'post', '--file', file, '-o', 'jsonl']);
    expect(r.code).toBe(9);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(results.map((x) => [x.line, x.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(results[0].fees[0]).toMatchObject({ amount: 0.5, asset: 'USD' });
  });
});

describe('bulk runs against credyt local serve', () => {
  let box: Sandbox;
  afterAll(() => box.cleanup());
  beforeAll(() => {
    box = sandbox();
  });

  it('serve killed with SIGKILL halfway, restarted, the same command again: balances as one clean run', async () => {
    const db = join(box.dir, 'killed.db');
    let server = await serve(box, db);
    let env = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    await setUp(box, env);
    const n = 30_000;
    const file = join(box.dir, 'kill.ndjson');
    writeFileSync(file, usageLines(n).join('\n') + '\n');
    const args = [BIN, 'usage', 'post', '--file', file, '--batch-size', '200', '--max-retries', '1', '-o', 'jsonl'];
    const child = spawn(process.execPath, args, { env: { ...box.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let answered = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    // Killed once a third of the lines are answered: part of the file is in, part is not.
    await new Promise<void>((killed) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        answered += d.split('\n').filter((l) => l.includes('"ok":true')).length;
        if (answered >= n / 3 && server.child.exitCode === null && !server.child.killed) {
          server.child.kill('SIGKILL');
          killed();
        }
      });
    });
    const code = await exited;
    expect(answered).toBeLessThan(n);
    expect([8, 9], stderr).toContain(code);

    server = await serve(box, db);
    env = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    const again = await box.run(['usage', 'post', '--file', file, '-o', 'json'], { env });
    expect(again.code, again.stderr).toBe(0);
    const summary = json(again);
    expect(summary.accepted + summary.duplicate).toBe(n);
    expect(summary.duplicate).toBeGreaterThan(0);
    expect(await balances(box, env)).toEqual(expectedBalances(n));
    await server.stop();
  }, 120_000);

  it('a proxy that answers 429/503 and drops connections at random: the run completes with the right balances', async () => {
    const server = await serve(box, join(box.dir, 'flaky.db'));
    const direct = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    await setUp(box, direct);
    await box.run(['adjust', 'v1', '1000', 'USD', '--reason', 'gift', '--yes'], { env: direct });
    const upstream = new URL(server.url);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tally = { ok: 0, throttled: 0, unavailable: 0, dropBefore: 0, dropAfter: 0 };
    const proxy: Server = createServer((req, res) => {
      const roll = random();
      if (roll < 0.1) {
        tally.throttled++;
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/problem+json' }).end('{"status":429,"title":"slow down"}');
        return;
      }
      if (roll < 0.2) {
        tally.unavailable++;
        res.writeHead(503).end();
        return;
      }
      if (roll < 0.27) {
        tally.dropBefore++;
        req.socket.destroy();
        return;
      }
      const dropAfter = roll < 0.34;
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        if (dropAfter) {
          // The server applied it; the client never hears so: the retry must be a no-op.
          tally.dropAfter++;
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        tally.ok++;
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => req.socket.destroy());
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const flaky = { CREDYT_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, CREDYT_API_KEY: server.apiKey };
    try {
      const n = 3000;
      const file = join(box.dir, 'flaky.ndjson');
      writeFileSync(file, usageLines(n).join('\n') + '\n');
      const r = await box.run(['usage', 'post', '--file', file, '--batch-size', '50', '--max-retries', '10', '-o', 'json'], { env: flaky });
      expect(r.code, r.stderr).toBe(0);
      expect(json(r).failed).toBe(0);
      const topUps = join(box.dir, 'flaky.csv');
      writeFileSync(topUps, 'customer,amount,currency\n' + Array.from({ length: 200 }, (_, i) => `${CUSTOMERS[i % 5]},0.25,USD`).map((l, i) => `${l}`.replace('0.25', (0.25 + i / 100).toFixed(2))).join('\n') + '\n');
      const t = await box.run(['top-up', '--file', topUps, '--yes', '--max-retries', '10', '-o', 'json'], { env: flaky });
      expect(t.code, t.stderr).toBe(0);
      expect(tally.dropAfter).toBeGreaterThan(0);
      expect(tally.throttled + tally.unavailable + tally.dropBefore).toBeGreaterThan(0);
      const expected = expectedBalances(n);
      for (let i = 0; i < 200; i++) expected[CUSTOMERS[i % 5]!]! += 0.25 + i / 100;
      expected.v1! += 1000;
      const got = await balances(box, direct);
      for (const c of CUSTOMERS) expect(got[c]).toBeCloseTo(expected[c]!, 6);
    } finally {
      await new Promise((r) => proxy.close(r));
      await server.stop();
    }
  }, 120_000);

  it('top-ups from CSV twice over HTTP credit once; a bulk run on a server profile needs --yes', async () => {
    const server = await serve(box, join(box.dir, 'topups.db'));
    const env = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    await setUp(box, env);
    const file = join(box.dir, 'top-ups.csv');
    const rows = Array.from({ length: 2000 }, (_, i) => `${CUSTOMERS[i % 5]},1.5,USD,,,,gift,row ${i},`);
    writeFileSync(file, 'customer,amount,currency,asset,rate,transaction_id,reason,description,expires_at\n' + rows.join('\n') + '\n');
    const refused = await box.run(['top-up', '--file', file], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);
    const first = await box.run(['top-up', '--file', file, '--yes', '-o', 'json'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(json(first)).toMatchObject({ accepted: 2000, failed: 0 });
    const second = await box.run(['top-up', '--file', file, '--yes', '-o', 'json'], { env });
    expect(json(second)).toMatchObject({ duplicate: 2000, failed: 0 });
    expect(await balances(box, env)).toEqual(Object.fromEntries(CUSTOMERS.map((c) => [c, 600])));
    await server.stop();
  }, 120_000);
});
