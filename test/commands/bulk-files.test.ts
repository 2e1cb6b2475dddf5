import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox } from '../helpers/in-process-sandbox.js';
import { balances, counts, CUSTOMERS, expectedBalances, setUp, usageLines } from '../helpers/usage-lines.js';

// Bulk runs from files, in-process: bad lines, cut input, CSV, retries through a flaky
// proxy, top-ups over HTTP. A kill of the server mid-run and 100,000 lines stay spawned
// in test/e2e/pipeline.test.ts.

describe('usage post --file: malformed, truncated and empty input (embedded engine)', () => {
  let box: InProcessSandbox;
  beforeAll(async () => {
    box = inProcessSandbox();
    await setUp(box);
  });
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

  it('at a terminal a progress bar, put away before the summary; piped, only the failed line and the summary', async () => {
    const file = join(box.dir, 'bar.ndjson');
    writeFileSync(file, [...usageLines(3, 500), 'not json', ...usageLines(2, 503)].join('\n') + '\n');
    const failedLine = `${file}:4: invalid JSON: JSON value expected but got 'n' at position 0\n`;
    const tty = await box.run(['usage', 'post', '--file', file], { tty: true });
    expect(tty.code).toBe(9);
    expect(tty.stdout).toBe('');
    // The cursor is hidden while the bar draws and shown again before the summary.
    const [bar, after] = tty.stderr.split('\x1b[?25h');
    expect(bar).toMatch(/^\x1b\[\?25l.*\d+% \| \d+ lines \| /s);
    expect(bar).toContain(failedLine);
    expect(after).toMatch(/6 lines: 5 accepted, 0 duplicate, 1 failed in [\d.]+ s/);
    const piped = await box.run(['usage', 'post', '--file', file]);
    expect(piped.code).toBe(9);
    expect(piped.stderr).not.toContain('\x1b');
    expect(piped.stderr).toMatch(new RegExp(`^${failedLine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}6 lines: 0 accepted, 5 duplicate, 1 failed in `));
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

describe('bulk runs against a server (local serve\'s, in process)', () => {
  let box: InProcessSandbox;
  afterAll(() => box.cleanup());
  beforeAll(() => {
    box = inProcessSandbox();
  });

  it('a proxy that answers 429/503 and drops connections at random: the run completes with the right balances', async () => {
    const server = await serveInProcess(box, join(box.dir, 'flaky.db'));
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
    const server = await serveInProcess(box, join(box.dir, 'topups.db'));
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
