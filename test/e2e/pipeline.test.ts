import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, json, sandbox, serve, type Sandbox } from '../helpers/cli.js';
import { balances, counts, expectedBalances, setUp, usageLines } from '../helpers/usage-lines.js';

// Bad lines, cut input, CSV, a flaky proxy and top-ups over HTTP run in-process:
// test/commands/bulk-files.test.ts.

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
});
