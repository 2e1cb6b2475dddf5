// What the top-up benchmarks share: their arguments and settings, the CSV they feed and
// the timed run of the client.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `[lines] [concurrency] [customers] [runs]` from the command line, the CLI to run
 * (BENCH_BIN, else this checkout's), a temporary directory, and an environment whose
 * config lives there and carries none of the caller's CREDYT_ settings.
 */
export function topUpBenchSetup({ lines, runs, dirPrefix }) {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
  for (const k of ['CREDYT_PROFILE', 'CREDYT_BASE_URL', 'CREDYT_API_KEY', 'CREDYT_OUTPUT', 'CREDYT_DB']) delete env[k];
  return {
    lines: Number.parseInt(process.argv[2] ?? String(lines), 10),
    concurrency: process.argv[3] ?? '32',
    customers: Number.parseInt(process.argv[4] ?? '100', 10),
    runs: Number.parseInt(process.argv[5] ?? String(runs), 10),
    bin: process.env.BENCH_BIN ?? resolve(import.meta.dirname, '../bin/credyt.js'),
    dir,
    env,
  };
}

/** `n` top-up lines over `customers` external ids (c0, c1, …), descriptions salted per run. */
export async function writeTopUpCsv(path, n, customers, salt) {
  const out = createWriteStream(path);
  out.write('customer,amount,currency,asset,rate,transaction_id,reason,description,expires_at\n');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `c${i % customers},${(i % 50) + 1}.25,USD,,,,,row ${salt} ${i},\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/**
 * Runs `credyt ARGS` under GNU time: user and sys CPU ms (start-up included), seconds and
 * peak RSS. BENCH_CLIENT_PROFILE=dir passes --cpu-prof to the client.
 */
export function timedClient(bin, args, env) {
  return new Promise((done, fail) => {
    const prof = process.env.BENCH_CLIENT_PROFILE;
    const node = prof ? [`--cpu-prof`, `--cpu-prof-dir=${prof}`] : [];
    const child = spawn('/usr/bin/time', ['-f', 'TIME %U %S %e %M', process.execPath, ...node, bin, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
    child.on('error', fail);
    child.on('close', (code) => {
      const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (code !== 0 || !m) return fail(new Error(`credyt ${args.join(' ')} → ${code}\n${err}`));
      const user = Number(m[1]) * 1000;
      const sys = Number(m[2]) * 1000;
      done({ user, sys, cpuMs: user + sys, seconds: Number(m[3]), rssMiB: Number(m[4]) / 1024 });
    });
  });
}
