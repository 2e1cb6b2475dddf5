import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustmentBatchesServed } from '../../src/client/credits.js';
import { CredytClient } from '../../src/client/client.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

/*
 * `top-up --file` and `adjust --file` against local serve go in batches of lines
 * (`POST /local/wallet-adjustments`, a local extension) once the server answers the probe;
 * every line's result must read exactly as its own request's would. Twin servers on copies
 * of one database (same customer ids) take the same file, one per line (`--no-batch`) and
 * one batched: every byte printed, the rejects file, the exit code and the wallets agree.
 */

const ZERO_ID = 'cust_00000000000000000000000000';
const TX = {
  seeded: '0b5d2a7e-3c4f-4e1a-9b8c-7d6e5f4a3b2c',
  rerated: '1c6e3b8f-4d5a-4f2b-8c9d-8e7f6a5b4c3d',
  twice: '2d7f4c9a-5e6b-4a3c-9dae-9f8a7b6c5d4e',
  reused: '3e8a5dab-6f7c-4b4d-aebf-a09b8c7d6e5f',
};

/** Top-up lines: fresh ones of several customers, a duplicate, bad lines, unknown customers, a re-rated one. */
const TOP_UPS = [
  'customer,amount,currency,asset,rate,transaction_id,reason,description',
  ...Array.from({ length: 30 }, (_, i) => `${['a', 'b', 'c'][i % 3]},${i + 1}.5,USD,,,,,fresh ${i}`),
  `a,5,USD,,,${TX.seeded},,seeded`,
  `b,2,USD,TOK,,${TX.rerated},,rerated`,
  `c,3,USD,,,${TX.twice},,twice`,
  `c,3,USD,,,${TX.twice},,twice`,
  `a,9,USD,,,${TX.reused},,reused for another amount`,
  'a,abc,USD,,,,,bad amount',
  'nobody,1,USD,,,,,unknown external id',
  `${ZERO_ID},1,USD,,,,,unknown customer id`,
  'b,0.0001,USD,TOK,,,,buys nothing',
  'c,1,ZZZ,,,,,no such asset',
  'a,4,USD,TOK,,,,quoted',
  'b,7,USD,TOK,50,,,override rate',
].join('\n');

const ADJUSTMENTS = [
  'customer,amount,asset,reason,transaction_id',
  ...Array.from({ length: 12 }, (_, i) => `${['a', 'b', 'c'][i % 3]},${i + 1},USD,gift,`),
  'a,-2,USD,charge,',
  'b,2,USD,charge,',
  'c,1,NOPE,gift,',
  'nobody,1,USD,gift,',
];

let box: InProcessSandbox;
let perLine: InProcessServer;
let batched: InProcessServer;
const envOf = (s: InProcessServer) => ({ CREDYT_BASE_URL: s.url, CREDYT_API_KEY: s.apiKey });

beforeAll(async () => {
  box = inProcessSandbox();
  const seedDb = join(box.dir, 'seed.db');
  const seed = await serveInProcess(box, seedDb);
  const env = envOf(seed);
  for (const c of ['a', 'b', 'c']) expect((await box.run(['customers', 'create', '--name', c, '--external-id', c], { env })).code).toBe(0);
  expect((await box.run(['assets', 'create', '--code', 'TOK', '--name', 'Token', '--precision', '0', '--inverse-rate', 'USD=100'], { env })).code).toBe(0);
  const first = join(box.dir, 'first.csv');
  writeFileSync(first, `customer,amount,currency,asset,transaction_id,description\na,5,USD,,${TX.seeded},seeded\nb,2,USD,TOK,${TX.rerated},rerated\na,1,USD,,${TX.reused},reused for another amount\n`);
  expect((await box.run(['top-up', '--file', first, '--yes', '--no-batch'], { env })).code).toBe(0);
  // The quoted top-up above credited 200 TOK at 100; the same line now quotes 250.
  expect((await box.run(['rates', 'add', 'TOK', '--source', 'USD', '--inverse-rate', '250'], { env })).code).toBe(0);
  await seed.stop();
  for (const twin of ['per-line.db', 'batched.db']) {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(seedDb + suffix)) copyFileSync(seedDb + suffix, join(box.dir, twin + suffix));
  }
  perLine = await serveInProcess(box, join(box.dir, 'per-line.db'));
  batched = await serveInProcess(box, join(box.dir, 'batched.db'));
}, 60_000);

afterAll(async () => {
  await perLine?.stop();
  await batched?.stop();
  box.cleanup();
});

/** The run's stderr with its time and rate, which differ run to run, taken out. */
const timeless = (stderr: string) => stderr.replace(/ in \d+\.\d s \([\d,]+ lines\/s\)/g, ' in T s (N lines/s)');

async function wallets(server: InProcessServer): Promise<string[]> {
  const out: string[] = [];
  for (const c of ['a', 'b', 'c']) {
    for (const account of ['default:USD', 'default:TOK']) {
      const r = await box.run(['wallet', 'account', c, account, '-o', 'json'], { env: envOf(server) });
      out.push(`${c} ${account} ${r.code === 0 ? String((JSON.parse(r.stdout) as { available: unknown }).available) : `exit ${r.code}`}`);
    }
  }
  return out;
}

async function bothWays(verb: 'top-up' | 'adjust', name: string, lines: string, extra: string[] = []) {
  const file = join(box.dir, name);
  writeFileSync(file, lines + '\n');
  const runOn = async (server: InProcessServer, how: string, flags: string[]) => {
    // The same rejects path on both twins (the message names it): one run at a time.
    const rejects = join(box.dir, `${name}.rejects`);
    rmSync(rejects, { force: true });
    const r = await box.run([verb, '--file', file, '--yes', '-o', 'jsonl', '--rejects', rejects, ...flags, ...extra], { env: envOf(server) });
    return { how, code: r.code, stdout: r.stdout, stderr: timeless(r.stderr), rejects: existsSync(rejects) ? readFileSync(rejects, 'utf8') : undefined };
  };
  const { how: _one, ...one } = await runOn(perLine, 'per-line', ['--no-batch']);
  const { how: _many, ...many } = await runOn(batched, 'batched', []);
  return { one, many };
}

describe('bulk credits in batches read exactly as one request a line', () => {
  it('top-up --file: same stdout, stderr, rejects, exit code and wallets; a re-run is all duplicates', async () => {
    const { one, many } = await bothWays('top-up', 'top-ups.csv', TOP_UPS);
    expect(one.code).toBe(9);
    expect(many).toEqual(one);
    const statuses = one.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { ok: boolean; status?: string; error?: { code: string } });
    expect(statuses.map((s) => (s.ok ? s.status : s.error!.code)).slice(30)).toEqual([
      'duplicate',
      'duplicate',
      'accepted',
      'duplicate',
      'idempotency_conflict',
      'invalid_amount',
      'not_found',
      'not_found',
      'nothing_to_credit',
      'validation_failed',
      'accepted',
      'accepted',
    ]);
    expect(await wallets(batched)).toEqual(await wallets(perLine));

    // Exactly once: the same file again, batched on both twins, moves nothing more.
    const before = await wallets(batched);
    const again = await bothWays('top-up', 'top-ups.csv', TOP_UPS);
    expect(again.many).toEqual(again.one);
    expect(again.many.stderr).toContain('42 lines: 0 accepted, 36 duplicate, 6 failed');
    expect(await wallets(batched)).toEqual(before);
  }, 60_000);

  it('adjust --file: the same both ways', async () => {
    const { one, many } = await bothWays('adjust', 'adjustments.csv', ADJUSTMENTS.join('\n'));
    expect(one.code).toBe(9);
    expect(many).toEqual(one);
    expect(await wallets(batched)).toEqual(await wallets(perLine));
  }, 60_000);
});

describe('the embedded engine batches too', () => {
  it('top-up --file: the same bytes and wallets per line and batched, on twin ledgers', async () => {
    const seedDb = join(box.dir, 'embedded-seed.db');
    const env = { CREDYT_DB: seedDb };
    for (const c of ['a', 'b', 'c']) expect((await box.run(['customers', 'create', '--name', c, '--external-id', c], { env })).code).toBe(0);
    expect((await box.run(['assets', 'create', '--code', 'TOK', '--name', 'Token', '--precision', '0', '--inverse-rate', 'USD=100'], { env })).code).toBe(0);
    const first = join(box.dir, 'embedded-first.csv');
    writeFileSync(first, `customer,amount,currency,asset,transaction_id,description\na,5,USD,,${TX.seeded},seeded\nb,2,USD,TOK,${TX.rerated},rerated\na,1,USD,,${TX.reused},reused for another amount\n`);
    expect((await box.run(['top-up', '--file', first, '--no-batch'], { env })).code).toBe(0);
    expect((await box.run(['rates', 'add', 'TOK', '--source', 'USD', '--inverse-rate', '250'], { env })).code).toBe(0);
    const twins = ['embedded-per-line.db', 'embedded-batched.db'].map((name) => join(box.dir, name));
    for (const twin of twins) for (const suffix of ['', '-wal', '-shm']) if (existsSync(seedDb + suffix)) copyFileSync(seedDb + suffix, twin + suffix);
    const file = join(box.dir, 'embedded-top-ups.csv');
    writeFileSync(file, TOP_UPS + '\n');
    const rejects = join(box.dir, 'embedded.rejects');
    const results = [];
    for (const [db, flags] of [[twins[0]!, ['--no-batch']], [twins[1]!, []]] as const) {
      rmSync(rejects, { force: true });
      const r = await box.run(['top-up', '--file', file, '-o', 'jsonl', '--rejects', rejects, ...flags], { env: { CREDYT_DB: db } });
      const balances = [];
      for (const c of ['a', 'b', 'c']) balances.push((await box.run(['wallet', 'get', c, '-o', 'json'], { env: { CREDYT_DB: db } })).stdout);
      results.push({ code: r.code, stdout: r.stdout, stderr: timeless(r.stderr), rejects: readFileSync(rejects, 'utf8'), balances });
    }
    expect(results[0]!.code).toBe(9);
    expect(results[1]).toEqual(results[0]);
  }, 60_000);
});

describe('when lines go in batches', () => {
  let proxy: Server;
  let seen: string[] = [];
  let refuseBatches = false;
  let proxied: Record<string, string>;

  beforeAll(async () => {
    const upstream = new URL(batched.url);
    // Forwards to the batched twin, noting each request; a "server without the extension" refuses the batch path.
    proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (refuseBatches && req.url === '/local/wallet-adjustments') {
        req.resume();
        res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404,"title":"Not Found"}');
        return;
      }
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxied = { CREDYT_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, CREDYT_API_KEY: batched.apiKey };
  });
  afterAll(() => new Promise<void>((r) => proxy.close(() => r())));

  const lines = (salt: string) => ['customer,amount,currency,description', ...Array.from({ length: 40 }, (_, i) => `${['a', 'b', 'c'][i % 3]},1,USD,${salt} ${i}`)].join('\n') + '\n';
  const batchPosts = () => seen.filter((s) => s === 'POST /local/wallet-adjustments').length;
  const linePosts = () => seen.filter((s) => /^POST \/customers\/[^/]+\/wallet\/adjustments$/.test(s)).length;

  it('a server that answers the probe takes the lines in batches', async () => {
    seen = [];
    refuseBatches = false;
    const file = join(box.dir, 'probe-ok.csv');
    writeFileSync(file, lines('probe ok'));
    const r = await box.run(['top-up', '--file', file, '--yes', '-o', 'json'], { env: proxied });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 40 });
    expect(linePosts()).toBe(0);
    // The probe and at least one batch; far fewer requests than lines.
    expect(batchPosts()).toBeGreaterThanOrEqual(2);
    expect(batchPosts()).toBeLessThan(10);
  });

  it('a server without the extension (404 to the probe): one request a line, as before', async () => {
    seen = [];
    refuseBatches = true;
    const file = join(box.dir, 'probe-404.csv');
    writeFileSync(file, lines('probe 404'));
    const r = await box.run(['top-up', '--file', file, '--yes', '-o', 'json'], { env: proxied });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 40 });
    expect(batchPosts()).toBe(1);
    expect(linePosts()).toBe(40);
  });

  it('--no-batch, --fail-fast (a batch would send the lines after a failed one) and --dry-run never probe', async () => {
    seen = [];
    refuseBatches = false;
    const file = join(box.dir, 'no-probe.csv');
    writeFileSync(file, lines('no probe'));
    expect((await box.run(['top-up', '--file', file, '--yes', '--no-batch', '-q'], { env: proxied })).code).toBe(0);
    expect((await box.run(['top-up', '--file', file, '--yes', '--fail-fast', '-q'], { env: proxied })).code).toBe(0);
    expect((await box.run(['top-up', '--file', file, '--dry-run', '-q'], { env: proxied })).code).toBe(0);
    expect(batchPosts()).toBe(0);
    expect(linePosts()).toBe(80);
  });

  it('--no-batch goes with --file', async () => {
    const r = await box.run(['top-up', 'a', '1', 'USD', '--no-batch', '--yes'], { env: proxied });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-batch goes with --file');
  });
});

describe('the probe', () => {
  it('is never sent to a server that is not on this machine', async () => {
    const sent: string[] = [];
    const transport = {
      kind: 'http' as const,
      baseUrl: 'https://api.credyt.ai',
      request: (req: { path: string }) => {
        sent.push(req.path);
        return Promise.resolve({ status: 200, headers: {}, body: '{"results":[]}' });
      },
      close: () => Promise.resolve(),
    };
    expect(await adjustmentBatchesServed(new CredytClient({ transport, apiKey: 'key_live_x' }))).toBe(false);
    expect(sent).toEqual([]);
  });
});
