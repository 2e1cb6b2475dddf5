#!/usr/bin/env node
// Ledger benchmark: holds per second (create + capture) and `wallet get` latency (p50/p99)
// on a database of many customers and journal entries, in-process (the engine, as the
// embedded profile uses it) and through `credyt local serve` (HTTP, keep-alive).
//
// The database is built by a direct SQLite bulk loader (not through the engine, which
// would take hours at one fsync per write): the engine first creates the schema, then one
// transaction with journal_mode=OFF and synchronous=OFF writes N customers with one
// default:USD account each and E journal entries (kind `bench_load`, two postings each,
// interleaved across customers: 70% credits of 2, 30% debits of 1), the materialised
// balances, one consolidated grant and grant cursor per customer (so every account is in
// step with its grants, as after a sync), then builds the indexes. The result passes
// `credyt local verify`. Kept in BENCH_DB (default $TMPDIR/credyt-bench-ledger.db) and
// reused when it exists.
//
// Needs dist/: run `npx tsc -p tsconfig.json`.
// Usage: node bench/ledger.mjs [customers] [entries]   (default 100000 10000000)
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import { openEngine } from '../dist/engine/index.js';
import { startServe } from './serve.mjs';

const CUSTOMERS = Number.parseInt(process.argv[2] ?? '100000', 10);
const ENTRIES = Number.parseInt(process.argv[3] ?? '10000000', 10);
const DB = process.env.BENCH_DB ?? join(tmpdir(), `credyt-bench-ledger-${CUSTOMERS}-${ENTRIES}.db`);
const BASE = Date.parse('2026-01-01T00:00:00.000Z');
const customerId = (i) => `cust_bench${String(i).padStart(21, '0')}`;

function load() {
  const started = performance.now();
  openEngine({ path: DB }).close(); // schema, migrations, platform id
  const db = new Database(DB);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('locking_mode = EXCLUSIVE');
  db.exec('DROP INDEX journal_postings_by_entry; DROP INDEX journal_postings_by_account;');
  const iso = (ms) => new Date(ms).toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO accounts (seq, customer_id, name, asset, created_at) VALUES (1, NULL, 'corrections', 'USD', ?)").run(iso(BASE));
    const customer = db.prepare("INSERT INTO customers (id, name, metadata, created_at) VALUES (?, ?, '{}', ?)");
    const account = db.prepare("INSERT INTO accounts (seq, customer_id, name, asset, created_at) VALUES (?, ?, 'default', 'USD', ?)");
    for (let i = 0; i < CUSTOMERS; i++) {
      customer.run(customerId(i), `Bench ${i}`, iso(BASE));
      account.run(i + 2, customerId(i), iso(BASE));
    }
    const entry = db.prepare("INSERT INTO journal_entries (id, kind, reference, created_at) VALUES (?, 'bench_load', ?, ?)");
    const posting = db.prepare('INSERT INTO journal_postings (id, entry_id, account_seq, bucket, amount) VALUES (?, ?, ?, ?, ?)');
    const balance = new Float64Array(CUSTOMERS); // small integers: exact in a double
    for (let e = 1; e <= ENTRIES; e++) {
      const c = (e - 1) % CUSTOMERS;
      const credit = Math.floor((e - 1) / CUSTOMERS) % 10 < 7;
      entry.run(e, `bench-${e}`, iso(BASE + e));
      posting.run(2 * e - 1, e, c + 2, 'available', credit ? '2' : '-1');
      posting.run(2 * e, e, 1, 'available', credit ? '-2' : '1');
      balance[c] += credit ? 2 : -1;
      if (e % 1_000_000 === 0) process.stderr.write(`  ${e / 1_000_000}M entries\n`);
    }
    const setBalance = db.prepare("UPDATE accounts SET available = ? WHERE seq = ?");
    const grant = db.prepare(
      `INSERT INTO grants (id, account_seq, purpose, amount, remaining, source_type, source_id, entry_id, effective_at)
       VALUES (?, ?, 'paid', ?, ?, 'bench_load', 'bench', ?, ?)`,
    );
    const cursor = db.prepare("INSERT INTO grant_cursors (account_seq, through_posting, debt) VALUES (?, ?, ?)");
    let platform = 0;
    const rounds = Math.ceil(ENTRIES / CUSTOMERS);
    for (let c = 0; c < CUSTOMERS; c++) {
      const b = balance[c];
      platform -= b;
      setBalance.run(String(b), c + 2);
      let last = (rounds - 1) * CUSTOMERS + c + 1;
      if (last > ENTRIES) last -= CUSTOMERS;
      if (last < 1) continue;
      if (b > 0) grant.run(`grant_bench_${c}`, c + 2, String(b), String(b), last, iso(BASE));
      cursor.run(c + 2, 2 * last - 1, b < 0 ? String(-b) : '0');
    }
    setBalance.run(String(platform), 1);
  })();
  process.stderr.write('  indexes\n');
  db.exec(`CREATE INDEX journal_postings_by_entry ON journal_postings (entry_id);
    CREATE INDEX journal_postings_by_account ON journal_postings (account_seq, bucket, id);`);
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = DELETE');
  db.close();
  return (performance.now() - started) / 1000;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (n) => `${n.toFixed(3)} ms`;
const pick = () => customerId(Math.floor(Math.random() * CUSTOMERS));

async function latency(get, samples) {
  for (let i = 0; i < 500; i++) await get(pick());
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await get(pick());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

/** `concurrency` clients, each: create a hold, capture half of it; pairs per second. */
async function holds(createAndCapture, pairs, concurrency) {
  let left = pairs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await createAndCapture(pick(), randomUUID());
    }),
  );
  return pairs / ((performance.now() - started) / 1000);
}

/** A local serve on the big database, with a config directory of its own. */
async function serve() {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-ledger-'));
  const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };
  return { ...(await startServe({ db: DB, env })), dir };
}

async function main() {
  let loadSeconds;
  if (!existsSync(DB)) {
    process.stderr.write(`loading ${CUSTOMERS} customers and ${ENTRIES} journal entries into ${DB}\n`);
    loadSeconds = load();
  }
  const size = (statSync(DB).size / 2 ** 30).toFixed(2);
  const results = { customers: CUSTOMERS, entries: ENTRIES, db_gib: size, load_seconds: loadSeconds?.toFixed(0) ?? 'reused' };

  const engine = openEngine({ path: DB });
  const embeddedGet = await latency(async (c) => engine.getWallet(c), 20_000);
  const embeddedHolds = await holds(
    async (c, id) => {
      engine.createHold(c, { hold_id: id, asset: 'USD', amount: '1' });
      engine.captureHold(c, id, { amount: '0.5' });
    },
    2_000,
    1,
  );
  engine.close();

  const { child, url, apiKey, dir } = await serve();
  const dispatcher = new Agent({ connections: 8, keepAliveTimeout: 60_000 });
  const send = async (method, path, body) => {
    const res = await request(`${url}${path}`, {
      method,
      dispatcher,
      headers: { 'content-type': 'application/json', 'x-credyt-api-key': apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`${method} ${path} → ${res.statusCode}: ${text.slice(0, 300)}`);
    return text;
  };
  try {
    const servedGet = await latency((c) => send('GET', `/customers/${c}/wallet`), 10_000);
    const servedHolds = await holds(
      async (c, id) => {
        await send('POST', `/customers/${c}/wallet/holds`, { hold_id: id, asset: 'USD', amount: 1 });
        await send('POST', `/customers/${c}/wallet/holds/${id}/capture`, { amount: 0.5 });
      },
      2_000,
      8,
    );
    Object.assign(results, {
      embedded_wallet_get_p50: ms(embeddedGet.p50),
      embedded_wallet_get_p99: ms(embeddedGet.p99),
      embedded_holds_per_s: embeddedHolds.toFixed(0),
      served_wallet_get_p50: ms(servedGet.p50),
      served_wallet_get_p99: ms(servedGet.p99),
      served_holds_per_s: servedHolds.toFixed(0),
    });
  } finally {
    await dispatcher.close();
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results, null, 2));
}

await main();
