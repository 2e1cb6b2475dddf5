#!/usr/bin/env node
// Every speed target of the project in one command, each figure beside a reference taken
// in the same invocation on the same machine (so the ratio means something on a busy
// machine, where absolute figures swing by a third or more) and the load average when the
// row was measured. The rows run the project's own scripts (startup.mjs, pipeline.mjs,
// events-ingest.mjs, http-floor.mjs, ledger.mjs) and read the figures they print.
//
//   node bench/speed.mjs [--full] [--only ROW,ROW] [--scale NAME=N,...]
//
// Default scale is small (two to three minutes on a quiet machine, by its parts: it has only
// run on a loaded one, 12 minutes with smaller ingest sizes); --full is the scale of
// the targets (1,000,000 events, 100,000 top-ups, 100,000 customers and 5,000,000 entries
// for wallet get; the ledger is built once and kept, see ledger.mjs). Rows: startup,
// ingest, growth, topups, rss, wallet. --scale overrides one size of SCALE below (e.g.
// --scale runs=30,ingest=200000). Needs `npm run build` and GNU time (/usr/bin/time).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gnuTimeOf } from './gnu-time.mjs';
import { bareSqliteIngest } from './reference.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const flag = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const ROWS = ['startup', 'ingest', 'growth', 'topups', 'rss', 'wallet'];
const only = new Set(flag('--only')?.split(',') ?? ROWS);
for (const row of only) if (!ROWS.includes(row)) throw new Error(`--only: unknown row ${row} (rows: ${ROWS.join(', ')})`);

const SCALE = full
  ? { runs: 30, ingest: 1_000_000, growth: 1_000_000, reference: 1_000_000, topups: 100_000, rss: 1_000_000, customers: 100_000, entries: 5_000_000 }
  : { runs: 15, ingest: 100_000, growth: 200_000, reference: 100_000, topups: 10_000, rss: 100_000, customers: 10_000, entries: 200_000 };
for (const pair of flag('--scale')?.split(',') ?? []) {
  const [name, value] = pair.split('=');
  if (!(name in SCALE) || !/^\d+$/.test(value ?? '')) throw new Error(`--scale: ${pair} is not NAME=N with NAME one of ${Object.keys(SCALE).join(', ')}`);
  SCALE[name] = Number(value);
}

const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-speed-'));
const load = () => loadavg()[0].toFixed(2);
const rows = [];
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs a bench script (node), answers its stdout and stderr; fails on a non-zero exit. */
function script(name, scriptArgs, env = {}) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(here, name), ...scriptArgs.map(String)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done({ stdout, stderr }) : fail(new Error(`${name} exited ${code}:\n${stderr}`))));
  });
}

/** The cells of the Markdown table row of `text` whose first cell starts with `name`. */
function tableRow(text, name) {
  const line = text.split('\n').find((l) => l.startsWith(`| ${name}`));
  if (!line) throw new Error(`no row "${name}" in:\n${text}`);
  return line.split('|').slice(1, -1).map((c) => c.trim());
}
const number = (cell) => Number(cell.replace(/,/g, ''));

function row(measure, target, now, reference, ratio, loadText, met) {
  rows.push({ measure, target, now, reference, ratio, load: loadText, met: met ? 'yes' : '**no**' });
  console.error(`  ${measure}: ${now} (${ratio}; ${met ? 'met' : 'not met'})`);
}

/** Peak RSS (MiB) of `node -e 0`: what any Node process holds before it does anything. */
function nodeRssMiB() {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, '-e', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', () => done(gnuTimeOf(stderr).rss));
  });
}

/** p50 and p99 ms of `samples` sequential keep-alive GETs to a bare node:http server. */
async function bareHttpLatency(samples) {
  const child = fork(join(here, 'http-floor.mjs'), ['--serve', 'node:http', dir], { stdio: 'inherit' });
  try {
    const { port, path } = await new Promise((resolve, reject) => child.once('message', resolve).once('exit', reject));
    const { Pool } = await import('undici');
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
    const get = async () => (await pool.request({ method: 'GET', path })).body.dump();
    for (let i = 0; i < 500; i++) await get();
    const times = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await get();
      times.push(performance.now() - t);
    }
    await pool.close();
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(samples / 2)], p99: times[Math.floor(samples * 0.99)] };
  } finally {
    child.kill();
  }
}

let bare;
/** The bare-SQLite ingest reference, random and ordered keys, taken once per invocation. */
async function bareIngest() {
  if (!bare) {
    console.error(`bare SQLite reference: ${fmt(SCALE.reference)} events, random then ordered ids (load ${load()})`);
    bare = { load: load() };
    bare.random = await bareSqliteIngest({ events: SCALE.reference, keys: 'random', dir });
    bare.ordered = await bareSqliteIngest({ events: SCALE.reference, keys: 'ordered', dir });
  }
  return bare;
}
const growth = (r) => r.lastTenthUs / r.firstTenthUs - 1;
const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)} %`;

/**
 * Growth of one events-ingest.mjs run (its JIT warmed up on another ledger first): wall
 * and CPU per event, last tenth against first, and wall last tenth against second.
 */
function engineGrowth(stdout) {
  const tenths = stdout.split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => number(c.trim())));
  const [first, second, last] = [tenths[0], tenths[1] ?? tenths[0], tenths.at(-1)];
  // events/s: wall per event grows as the rate falls
  return { wall: first[2] / last[2] - 1, cpu: last[1] / first[1] - 1, warm: second[2] / last[2] - 1 };
}

console.error(`speed.mjs: ${full ? 'full' : 'small'} scale, rows ${[...only].join(', ')}, node ${process.version}`);
try {
  if (only.has('startup')) {
    const before = load();
    console.error(`start-up: ${SCALE.runs} interleaved runs of each (load ${before})`);
    const { stdout } = await script('startup.mjs', [SCALE.runs]);
    const loadText = `${before} → ${load()}`;
    const cells = (name) => tableRow(stdout, name);
    const base = cells('node -e 0');
    const cases = [
      ['`credyt --help`', 'credyt --help', 1.3],
      ['`wallet get` embedded', 'credyt wallet get acme (embedded)', 2.5],
      ['`wallet get` against `local serve`', 'credyt wallet get acme (local serve)', 2.0],
    ];
    for (const [measure, name, target] of cases) {
      const c = cells(name);
      const ratio = number(c[4]);
      row(measure, `≤ ${target.toFixed(1)} × node -e 0`, `${c[1]} ms median (CPU ${c[6]} ×)`, `node -e 0: ${base[1]} ms (CPU ${base[5]} ms)`, `${ratio.toFixed(2)} ×`, loadText, ratio <= target);
    }
  }

  if (only.has('ingest')) {
    const ref = await bareIngest();
    const before = load();
    // The row: a usage file whose lines carry their time (so `usage post` derives
    // time-ordered ids); the same file without occurred_at (ids random to the index) beside it.
    const ingest = async (times) => {
      console.error(`ingest over HTTP: ${fmt(SCALE.ingest)} events, default flags, occurred_at: ${times} (load ${load()})`);
      const { stdout, stderr } = await script('pipeline.mjs', [SCALE.ingest, 0, 'http'], { BENCH_USAGE_TIMES: times });
      const server = /local serve: ([\d.]+) µs\/line CPU, main thread ([\d.]+)/.exec(stderr);
      return { rate: number(tableRow(stdout, 'usage post --file, HTTP')[3]), server: server?.[1] };
    };
    const timed = await ingest('with');
    const untimed = await ingest('none');
    row(
      'usage ingest over HTTP, default flags',
      '≥ 35,000 events/s',
      `${fmt(timed.rate)} events/s (server ${timed.server} µs/event CPU); without occurred_at ${fmt(untimed.rate)} (server ${untimed.server})`,
      `bare SQLite: ${fmt(ref.random.eventsPerSecond)} events/s random ids, ${fmt(ref.ordered.eventsPerSecond)} ordered`,
      `${(timed.rate / ref.ordered.eventsPerSecond).toFixed(2)} × bare ordered; without occurred_at ${(untimed.rate / ref.random.eventsPerSecond).toFixed(2)} × bare random`,
      `${before} → ${load()}`,
      timed.rate >= 35_000,
    );
  }

  if (only.has('growth')) {
    const ref = await bareIngest();
    const before = load();
    // The row: the ids `usage post` sends (time-ordered); random ids (other clients) beside it.
    console.error(`ingest growth, engine alone: ${fmt(SCALE.growth)} events, ordered then random ids (load ${before})`);
    const ordered = engineGrowth((await script('events-ingest.mjs', [SCALE.growth, 4, 'ordered'])).stdout);
    const random = engineGrowth((await script('events-ingest.mjs', [SCALE.growth, 4, 'random'])).stdout);
    row(
      'ingest cost per event as the ledger grows (engine alone, last tenth vs first)',
      '≤ +20 % wall',
      `ordered ids (as usage post sends): ${pct(ordered.wall)} wall, ${pct(ordered.cpu)} CPU (second tenth to last: ${pct(ordered.warm)} wall); random ids: ${pct(random.wall)} wall, ${pct(random.cpu)} CPU`,
      `bare SQLite: ${pct(growth(ref.random))} wall random ids, ${pct(growth(ref.ordered))} ordered (${fmt(SCALE.reference)} events)`,
      `${pct(ordered.wall - growth(ref.ordered))} vs bare ordered, ${pct(random.wall - growth(ref.random))} random vs bare random`,
      `${before} → ${load()}`,
      ordered.wall <= 0.2,
    );
  }

  if (only.has('topups')) {
    const floorLoad = load();
    const floor = await script('http-floor.mjs', [20_000, 1, 'node:http']);
    const f = tableRow(floor.stdout, 'node:http');
    const floorUs = number(f[3]) * 1000;
    const before = load();
    console.error(`top-ups over HTTP: ${fmt(SCALE.topups)} lines, default flags (load ${before}; node:http floor at load ${floorLoad})`);
    const { stdout, stderr } = await script('pipeline.mjs', [0, SCALE.topups, 'topups'], { BENCH_TOPUP_CONCURRENCY: 'default' });
    const c = tableRow(stdout, 'top-up --file CSV, HTTP');
    const rate = number(c[3]);
    const main = Number(/main thread ([\d.]+) µs\/line/.exec(stderr)?.[1]);
    row(
      'bulk top-ups over HTTP, default flags',
      '≥ 5,000 lines/s',
      `${fmt(rate)} lines/s (server main thread ${main.toFixed(0)} µs/line)`,
      `bare node:http: ${floorUs.toFixed(0)} µs/request, ${fmt(number(f[2]))} requests/s`,
      `${(main / floorUs).toFixed(1)} × node:http per request`,
      `${before} → ${load()}`,
      rate >= 5_000,
    );
  }

  if (only.has('rss')) {
    const base = await nodeRssMiB();
    const before = load();
    console.error(`embedded ingest, client RSS: ${fmt(SCALE.rss)} events (load ${before})`);
    const { stdout } = await script('pipeline.mjs', [SCALE.rss, 0, 'embedded']);
    const c = tableRow(stdout, 'usage post --file, embedded');
    const rss = number(c[5]);
    row(
      'embedded usage ingest, client RSS',
      '≤ 200 MiB',
      `${rss.toFixed(0)} MiB (${fmt(number(c[3]))} events/s)`,
      `node -e 0: ${base.toFixed(0)} MiB`,
      `${(rss / base).toFixed(1)} × node -e 0`,
      `${before} → ${load()}`,
      rss <= 200,
    );
  }

  if (only.has('wallet')) {
    const ref = await bareHttpLatency(5_000);
    const before = load();
    console.error(`wallet get over HTTP: ${fmt(SCALE.customers)} customers, ${fmt(SCALE.entries)} entries (load ${before})`);
    // The small ledger is built afresh in this run's directory; the full one is kept (ledger.mjs).
    const env = full ? {} : { BENCH_DB: join(dir, 'ledger.db') };
    const { stdout } = await script('ledger.mjs', [SCALE.customers, SCALE.entries], env);
    const result = JSON.parse(stdout.slice(stdout.indexOf('{')));
    const p99 = Number.parseFloat(result.served_wallet_get_p99);
    row(
      `\`wallet get\` p99 over HTTP, ${fmt(SCALE.customers)} customers / ${fmt(SCALE.entries)} entries`,
      '≤ 3 ms (100k customers / 5M entries)',
      `p99 ${p99.toFixed(2)} ms, p50 ${Number.parseFloat(result.served_wallet_get_p50).toFixed(2)} ms`,
      `bare node:http GET: p99 ${ref.p99.toFixed(2)} ms, p50 ${ref.p50.toFixed(2)} ms`,
      `${(p99 / ref.p99).toFixed(1)} × bare p99`,
      `${before} → ${load()}`,
      p99 <= 3,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`${full ? 'full' : 'small'} scale, node ${process.version}, ${new Date().toISOString()}`);
console.log('| measure | target | now | reference, same run | ratio | load avg (1 min) | met |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.measure} | ${r.target} | ${r.now} | ${r.reference} | ${r.ratio} | ${r.load} | ${r.met} |`);
