import { spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, json, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { sh, Terminal } from '../helpers/tmux.js';
import { haveTool } from '../helpers/tools.js';

// Bulk runs that end early: Ctrl-C (a real SIGINT) and a reader that goes away (a real
// closed pipe). Both need a real process; a proxy that holds each request for a while
// in front of `credyt local serve` makes the run slow enough to stop halfway.

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

let box: Sandbox;
let server: Served;
let proxy: Server;
let env: NodeJS.ProcessEnv;
let direct: NodeJS.ProcessEnv;

beforeAll(async () => {
  box = sandbox();
  server = await serve(box);
  direct = { CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
  const upstream = new URL(server.url);
  proxy = createServer((req, res) => {
    setTimeout(() => {
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => req.socket.destroy());
      req.pipe(up);
    }, 60);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  env = { CREDYT_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, CREDYT_API_KEY: server.apiKey };
  const ok = async (args: string[]) => {
    const r = await box.run(args, { env: direct });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  };
  await ok(['products', 'create', '--file', VIDEO, '--publish']);
  for (const c of ['s1', 's2', 's3']) await ok(['customers', 'create', '--name', c, '--external-id', c, '--product', 'glitch_video_std']);
}, 120_000);
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await server.stop();
  box.cleanup();
});

/** `n` lines of video_promoted (0.50 USD each) for `customer`, no ids. */
function usageFile(name: string, customer: string, n: number): string {
  const file = join(box.dir, name);
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ customer, type: 'video_promoted', subject: `${name}_${i}` }));
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function balance(customer: string): Promise<number> {
  return Number(json(await box.run(['wallet', 'account', customer, 'default:USD', '-o', 'json'], { env: direct })).available);
}

interface Stopped {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs credyt and sends it SIGINT once `answered` lines have results on stdout. */
function interruptAfter(args: string[], answered: number): Promise<Stopped> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...box.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!sent && stdout.split('\n').length > answered) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function tally(stdout: string): { answered: number; notSent: number } {
  const results = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { ok: boolean; error?: { code: string } });
  const notSent = results.filter((r) => r.error?.code === 'not_sent').length;
  return { answered: results.length - notSent, notSent };
}

describe('Ctrl-C during a bulk run (a real SIGINT)', () => {
  it('counts the lines answered, not the lines read; with derived ids says a re-run is safe, and it is', async () => {
    const n = 50_000;
    const file = usageFile('derived.ndjson', 's1', n);
    const r = await interruptAfter(['usage', 'post', '--file', file, '--batch-size', '50', '--concurrency', '1', '-o', 'jsonl'], 200);
    expect(r.code, r.stderr).toBe(130);
    const { answered, notSent } = tally(r.stdout);
    expect(answered).toBeGreaterThanOrEqual(200);
    expect(answered).toBeLessThan(n);
    expect(r.stderr).toContain(`Interrupted: ${answered.toLocaleString('en-US')} lines answered`);
    if (notSent > 0) expect(r.stderr).toContain(`${notSent.toLocaleString('en-US')} read but not sent`);
    expect(r.stderr).toMatch(/the input from line [\d,]+ on was not read/);
    // The summary counts lines never sent apart, and they get no message each.
    const fmt = (x: number) => x.toLocaleString('en-US');
    expect(r.stderr).toContain(`${fmt(answered + notSent)} lines: ${fmt(answered)} accepted, 0 duplicate, 0 failed, ${fmt(notSent)} not sent in `);
    expect(r.stderr).not.toMatch(/not sent: interrupted|more failed lines/);
    expect(r.stderr).toMatch(/Run the same command again: lines already applied are answered as duplicates/);
    expect(await balance('s1')).toBe(-0.5 * answered);

    const again = await box.run(['usage', 'post', '--file', file, '-o', 'json'], { env: direct });
    expect(again.code, again.stderr).toBe(0);
    expect(json(again)).toMatchObject({ lines: n, accepted: n - answered, duplicate: answered, failed: 0, not_sent: 0 });
    expect(await balance('s1')).toBe(-0.5 * n);
  });

  it('with --random-ids says a re-run would apply the lines again, and following its advice applies each once', async () => {
    const n = 50_000;
    const file = usageFile('random.ndjson', 's2', n);
    const rejects = join(box.dir, 'random-rejects.ndjson');
    const args = ['usage', 'post', '--file', file, '--random-ids', '--rejects', rejects, '--batch-size', '50', '--concurrency', '1', '-o', 'jsonl'];
    const r = await interruptAfter(args, 200);
    expect(r.code, r.stderr).toBe(130);
    const { answered } = tally(r.stdout);
    expect(r.stderr).toContain(`Interrupted: ${answered.toLocaleString('en-US')} lines answered`);
    expect(r.stderr).not.toMatch(/Run the same command again/);
    expect(r.stderr).toContain(`Do not run the same command again: --random-ids gives each line without an id a new id, so the ${answered.toLocaleString('en-US')} lines applied would apply again`);
    expect(r.stderr).toContain(`the lines not sent and the failed ones are in ${rejects}`);
    const from = Number(/the input from line ([\d,]+) on was not read/.exec(r.stderr)![1]!.replace(/,/g, ''));
    expect(r.stderr).toMatch(/`credyt events list --since \d{4}-\d\d-\d\dT[\d:.]+Z` lists what did \(lines without an occurred_at of their own\)/);

    // As advised: the rejects file, then the input from the first unread line.
    const rest = join(box.dir, 'random-rest.ndjson');
    const text = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
    writeFileSync(rest, text.slice(from - 1).join('\n'));
    for (const part of [rejects, rest]) {
      const sent = await box.run(['usage', 'post', '--file', part, '--random-ids', '-o', 'json'], { env: direct });
      expect(sent.code, sent.stderr).toBe(0);
    }
    expect(await balance('s2')).toBe(-0.5 * n);
  });
});

describe('a bulk write whose reader goes away (a real closed pipe)', () => {
  it('`usage post --file … -o jsonl | head -1`: every line is still sent, stderr says so, the exit code is the run\'s', async () => {
    const n = 20_000;
    const file = usageFile('piped.ndjson', 's3', n);
    // A real shell pipeline into head; PIPESTATUS gives credyt's own exit code.
    const script = `"${process.execPath}" "${BIN}" usage post --file "${file}" --batch-size 500 --concurrency 1 -o jsonl | head -1; echo "credyt exit \${PIPESTATUS[0]}" >&2`;
    const r = await new Promise<{ stdout: string; stderr: string }>((done) => {
      const child = spawn('bash', ['-c', script], { env: { ...box.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', () => done({ stdout, stderr }));
    });
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ line: 1, ok: true, status: 'accepted' });
    expect(r.stderr).toMatch(/stdout was closed after [\d,]+ results \(its reader went away\): every line is still sent; no more results are written/);
    expect(r.stderr).toContain(`20,000 lines: 20,000 accepted, 0 duplicate, 0 failed`);
    expect(r.stderr).toContain('credyt exit 0');
    expect(await balance('s3')).toBe(-0.5 * n);
  });
});

// A real terminal for the progress bar: tmux (`.ci/run` installs it; required under CI).
const tmux = haveTool('tmux', 'progress bar at a real terminal');

describe.skipIf(!tmux)('the progress bar at a real terminal (tmux)', () => {
  it('failed lines scroll above the bar; at the end no bar is left and the summary follows them', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      if (i % 40 === 7) lines.push('{"customer":"s1","type":');
      else lines.push(JSON.stringify({ customer: i % 50 === 3 ? 'ghost' : 's1', type: 'video_promoted', subject: `tmux_${i}` }));
    }
    writeFileSync(join(box.dir, 'tty.ndjson'), lines.join('\n') + '\n');
    const term = new Terminal({ ...box.env, ...env });
    try {
      const command = [sh(process.execPath), sh(BIN), 'usage', 'post', '--file', 'tty.ndjson', '--batch-size', '20', '--concurrency', '1'].join(' ');
      term.start(command, box.dir);
      // The bar is up while the run goes on (60 ms a request, 20 requests at least).
      await term.waitFor(/\d+ lines \| \d+ lines\/s/);
      expect(await term.exitCode()).toBe(9);
      const shown = term.screen().split('\n').map((l) => l.trimEnd()).filter(Boolean);
      const messages = shown.filter((l) => l.startsWith('tty.ndjson:'));
      expect(messages).toHaveLength(18);
      const summary = shown.findIndex((l) => /^400 lines: \d+ accepted, 0 duplicate, 18 failed in /.test(l));
      expect(summary).toBe(shown.indexOf(messages[17]!) + 1);
      expect(shown.slice(0, summary).every((l) => l.startsWith('tty.ndjson:'))).toBe(true);
      expect(shown.join('\n')).not.toMatch(/lines\/s \||\| \d+ lines \|/);
    } finally {
      term.close();
    }
  });
});
