import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, ledger, type Ledger } from './money-helpers.js';
import { runMain } from '../helpers/in-process.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

/** The ledger's bytes (the database and its WAL) and what local verify counts. */
async function snapshot(l: Ledger): Promise<{ bytes: string; verify: unknown }> {
  const hash = createHash('sha256');
  for (const name of ['local.db', 'local.db-wal']) {
    const path = join(l.dir, name);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  const verified = await l.ok(['local', 'verify', '-o', 'json']);
  return { bytes: hash.digest('hex'), verify: JSON.parse(verified.stdout) };
}

async function setUp(): Promise<Ledger> {
  const l = ledger();
  await l.ok(['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--precision', '2', '--inverse-rate', 'USD=100']);
  await l.ok(['products', 'create', '--file', VIDEO, '--publish']);
  await l.ok(['customers', 'create', '--name', 'a', '--external-id', 'a', '--product', 'glitch_video_std']);
  await l.ok(['customers', 'create', '--name', 'b', '--external-id', 'b']);
  // Something in the ledger already, so "unchanged" compares a ledger with entries.
  await l.ok(['top-up', 'a', '5', 'USD']);
  return l;
}

describe('--dry-run of bulk money commands: a plan for money', () => {
  it('top-up --file: totals per asset and customer, bad lines named, exit 9, ledger untouched', async () => {
    const l = await setUp();
    const file = l.file(
      'top-ups.csv',
      [
        'customer,amount,currency,asset',
        'a,10,USD,TOK', // 1,000 TOK
        'b,2.5,USD,', // 2.5 USD
        'nobody,1,USD,', // line 4: no such customer
        'a,1,USD,NOPE', // line 5: no such asset
        'b,0.0000001,USD,', // line 6: more decimals than USD has (6)
        'a,0.005,USD,TOK', // 0.5 TOK
      ].join('\n') + '\n',
    );
    const before = await snapshot(l);
    const r = await l.run(['top-up', '--file', file, '--dry-run', '-o', 'json']);
    expect(r.code).toBe(9);
    const plan = JSON.parse(r.stdout);
    expect(plan, r.stderr).toMatchObject({ dry_run: true, lines: 6, would_apply: 3, failed: 3 });
    expect(plan.assets).toEqual([
      { asset: 'TOK', amount: 1000.5 },
      { asset: 'USD', amount: 2.5 },
    ]);
    expect(plan.customers).toEqual([
      { customer: 'a', lines: 2, amounts: [{ asset: 'TOK', amount: 1000.5 }] },
      { customer: 'b', lines: 1, amounts: [{ asset: 'USD', amount: 2.5 }] },
    ]);
    expect(r.stderr).toContain('top-ups.csv:4: no customer with id or external id "nobody"');
    expect(r.stderr).toMatch(/top-ups\.csv:5: .*NOPE/);
    expect(r.stderr).toContain('top-ups.csv:6: 0.0000001 USD has more than the 6 decimal places USD allows');
    expect(r.stderr).toContain('3 of 6 lines would fail (dry run: nothing was written)');
    expect(await snapshot(l)).toEqual(before);
    expect(await l.available('a', 'default:TOK')).toBe('0');

    // The real run credits what the plan said, line for line.
    const real = await l.run(['top-up', '--file', file, '-o', 'jsonl']);
    expect(real.code).toBe(9);
    expect(await l.available('a', 'default:TOK')).toBe('1000.5');
    expect(await l.available('b', 'default:USD')).toBe('2.5');
  });

  it('exit 0 when every line would apply; -o jsonl says would_apply per line', async () => {
    const l = await setUp();
    const file = l.file('adjust.ndjson', '{"customer":"a","amount":3,"asset":"USD","reason":"gift"}\n{"customer":"b","amount":"-1.25","asset":"USD","reason":"charge"}\n');
    const before = await snapshot(l);
    const r = await l.run(['adjust', '--file', file, '--dry-run', '-o', 'jsonl']);
    expect(r.code, r.stderr).toBe(0);
    const rows = jsonl(r);
    expect(rows.map((x) => [x.line, x.status, x.customer])).toEqual([
      [1, 'would_apply', 'a'],
      [2, 'would_apply', 'b'],
    ]);
    expect(rows[1]!.amounts).toEqual([{ asset: 'USD', amount: -1.25 }]);
    expect(r.stderr).toContain('Dry run: 2 lines: 2 would apply, 0 would fail; nothing was written.');
    expect(r.stderr).toContain('asset\tUSD\t1.75');
    expect(await snapshot(l)).toEqual(before);
  });

  it('usage post --file: fees per price, unbilled events counted, bad customer named, nothing posted', async () => {
    const l = await setUp();
    const file = l.file(
      'usage.ndjson',
      [
        '{"customer":"a","type":"video_promoted"}',
        '{"customer":"a","type":"video_promoted"}',
        '{"customer":"a","type":"video_promotd"}', // a typo: matches no price
        '{"customer":"b","type":"video_promoted"}', // b subscribes to nothing
        '{"customer":"ghost","type":"video_promoted"}', // line 5
      ].join('\n') + '\n',
    );
    const before = await snapshot(l);
    const r = await l.run(['usage', 'post', '--file', file, '--dry-run', '-o', 'json']);
    expect(r.code).toBe(9);
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({ lines: 5, would_apply: 4, failed: 1, unbilled: 2, unchecked: 0 });
    expect(plan.assets).toEqual([{ asset: 'USD', amount: 1 }]);
    expect(r.stderr).toContain('usage.ndjson:5: no customer with id or external id "ghost"');
    expect(await snapshot(l)).toEqual(before);

    const rows = jsonl(await l.run(['usage', 'post', '--file', file, '--dry-run', '-o', 'jsonl']));
    expect(rows[0]).toMatchObject({ status: 'would_apply', prices: [{ product_code: 'glitch_video_std', price_name: 'Promoted video' }] });
    expect(rows[2]).toMatchObject({ status: 'would_apply', unbilled: true, prices: [] });
    expect(rows[4]).toMatchObject({ ok: false, status: 'failed', error: { code: 'customer_not_found' } });
    expect(await snapshot(l)).toEqual(before);

    // --strict: an unbilled event would fail the real run, so the plan fails it too.
    const strict = await l.run(['usage', 'post', '--file', file, '--dry-run', '--strict', '-o', 'json']);
    expect(JSON.parse(strict.stdout)).toMatchObject({ would_apply: 2, failed: 3 });
    expect(await snapshot(l)).toEqual(before);

    // The real run bills what the plan said: 1 USD from a, and counts the same unbilled.
    const real = await l.run(['usage', 'post', '--file', file, '-o', 'json']);
    expect(real.code).toBe(9);
    expect(JSON.parse(real.stdout)).toMatchObject({ accepted: 4, failed: 1, unbilled: 2 });
    expect(await l.available('a', 'default:USD')).toBe('4');
  });

  it('every bad line is named, past the 20 a real run prints', async () => {
    const l = await setUp();
    const file = l.file('bad.csv', 'customer,amount,currency\n' + 'nobody,1,USD\n'.repeat(25) + 'a,1,USD\n');
    const r = await l.run(['top-up', '--file', file, '--dry-run']);
    expect(r.code).toBe(9);
    expect(r.stderr.match(/bad\.csv:\d+: no customer/g)).toHaveLength(25);
    expect(r.stderr).toContain('bad.csv:26: no customer');
    expect(r.stderr).toContain('Dry run: 26 lines: 1 would apply, 25 would fail; nothing was written.');
  });

  it('a table on a terminal; --rejects does not go with --dry-run', async () => {
    const l = await setUp();
    const file = l.file('one.csv', 'customer,amount,currency\na,1,USD\n');
    const env = { CREDYT_CONFIG_DIR: join(l.dir, 'config'), CREDYT_DB: join(l.dir, 'local.db') };
    const tty = await runMain(['top-up', '--file', file, '--dry-run'], { env, tty: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/│ asset\s+│ credit \(total\)\s+│/);
    expect(tty.stderr).toMatch(/│ a\s+│ USD\s+│\s+1 │\s+1 │/);
    const refused = await l.run(['top-up', '--file', file, '--dry-run', '--rejects', join(l.dir, 'r.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--rejects goes with a real run');
    const bare = await l.run(['top-up', 'a', '1', 'USD', '--dry-run']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--dry-run goes with --file');
  });

  it('a server whose simulate-usage answer says nothing of fees: lines unchecked, not failed; nothing written', async () => {
    const requests: string[] = [];
    const customer = { id: 'cust_' + 'a'.repeat(26), external_id: 'acme', subscriptions: [{ status: 'active', products: [{ id: 'prod_1', code: 'p', version: 1 }] }] };
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        requests.push(`${req.method} ${req.url}`);
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET' && req.url === '/customers?external_id=acme') res.writeHead(200).end(JSON.stringify({ items: [customer] }));
        else if (req.method === 'POST' && req.url === '/products/prod_1/1/simulate-usage') res.writeHead(200).end(JSON.stringify({ product_id: 'prod_1', version: 1, events: [{ event_type: 'x' }, { event_type: 'x' }] }));
        else res.writeHead(404).end('{"status":404}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const l = ledger();
    const env = { CREDYT_CONFIG_DIR: join(l.dir, 'config'), CREDYT_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, CREDYT_API_KEY: 'key_test_dry' };
    try {
      const file = l.file('u.ndjson', '{"customer":"acme","type":"x"}\n{"customer":"acme","type":"x"}\n');
      const r = await runMain(['usage', 'post', '--file', file, '--dry-run', '-o', 'json'], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ lines: 2, would_apply: 2, failed: 0, unbilled: 0, unchecked: 2 });
      expect(r.stderr).toContain('2 lines were not fully checked');
      // One customer lookup and one simulation for the batch; no POST /events.
      expect(requests).toEqual(['GET /customers?external_id=acme', 'POST /products/prod_1/1/simulate-usage']);
    } finally {
      server.close();
    }
  });
});
