import { describe, expect, it } from 'vitest';
import { parseJsonDecimal } from '../../src/json/parse.js';
import { ledger, type Ledger } from './money-helpers.js';

type Row = { line: number; ok: boolean; status?: string; amount?: unknown; exchange_rate?: unknown; error?: { code: string } };
const rows = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => parseJsonDecimal(l) as Row);
const statuses = (stdout: string) => rows(stdout).map((r) => (r.ok ? r.status : r.error!.code));

async function setUp(): Promise<Ledger> {
  const l = ledger();
  await l.ok(['customers', 'create', '--name', 'a', '--external-id', 'a']);
  await l.ok(['assets', 'create', '--code', 'TOK', '--name', 'Token', '--precision', '0', '--inverse-rate', 'USD=100']);
  return l;
}

describe('top-ups across rate changes', () => {
  it('a re-run after a rate change reports every applied line duplicate, exit 0, nothing credited', async () => {
    const l = await setUp();
    const id = '3d6f4a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    const file = l.file('t.csv', `customer,amount,currency,asset,transaction_id\na,1,USD,TOK,\na,1,USD,TOK,\na,2,USD,TOK,${id}\n`);
    const first = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
    expect(statuses(first.stdout)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await l.available('a', 'default:TOK')).toBe('400');

    await l.ok(['rates', 'add', 'TOK', '--source', 'USD', '--inverse-rate', '250']);
    const again = await l.run(['top-up', '--file', file, '-o', 'jsonl', '--rejects', `${l.dir}/rejects.csv`]);
    expect(again.code).toBe(0);
    expect(statuses(again.stdout)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    // What was credited then, not today's conversion.
    expect(rows(again.stdout).map((r) => `${String(r.amount)} at ${String(r.exchange_rate)}`)).toEqual(['100 at 100', '100 at 100', '200 at 100']);
    expect(again.stderr).toContain('3 lines: 0 accepted, 3 duplicate, 0 failed');
    expect(await l.available('a', 'default:TOK')).toBe('400');

    // The single top-up with the same transaction id, after the change: already applied.
    const single = await l.ok(['top-up', 'a', '2', 'USD', '--asset', 'TOK', '--transaction-id', id, '-o', 'json']);
    expect(parseJsonDecimal(single.stdout)).toMatchObject({ status: 'duplicate' });
    expect(String((parseJsonDecimal(single.stdout) as { amount: unknown }).amount)).toBe('200');
    expect(await l.available('a', 'default:TOK')).toBe('400');
  });

  it('a transaction id reused for another payment is still a conflict', async () => {
    const l = await setUp();
    const id = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    await l.ok(['top-up', 'a', '1', 'USD', '--asset', 'TOK', '--transaction-id', id]);
    await l.ok(['rates', 'add', 'TOK', '--source', 'USD', '--inverse-rate', '250']);
    const other = await l.run(['top-up', 'a', '3', 'USD', '--asset', 'TOK', '--transaction-id', id]);
    expect(other.code).toBe(5);
    expect(other.stderr).toContain('already used');
    expect(await l.available('a', 'default:TOK')).toBe('100');
  });

  it('a rate that takes effect during a bulk run is used for the lines after it, and recorded', async () => {
    const l = await setUp();
    const start = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    const change = new Date(start + 60_000);
    await l.ok(['rates', 'add', 'TOK', '--source', 'USD', '--inverse-rate', '300', '--effective-at', change.toISOString()]);
    // Every reading of the run's clock (the engine's) is 2 s after the last: the change
    // comes a few lines in, whatever the number of readings a line takes.
    let tick = 0;
    const clock = () => new Date(start + 2000 * tick++);
    const lines = Array.from({ length: 60 }, (_, i) => `{"customer":"a","amount":1,"currency":"USD","asset":"TOK","description":"line ${i}"}\n`).join('');
    const run = await l.runAt(clock, ['top-up', '--file', l.file('t.ndjson', lines), '-o', 'jsonl']);
    expect(run.code).toBe(0);
    const rates = rows(run.stdout).map((r) => `${String(r.amount)} at ${String(r.exchange_rate)}`);
    const switched = rates.indexOf('300 at 300');
    expect(switched).toBeGreaterThan(0);
    expect(rates).toEqual([...Array<string>(switched).fill('100 at 100'), ...Array<string>(60 - switched).fill('300 at 300')]);
    // The metadata records the rate each line used, and the wallet holds the sum.
    expect(await l.available('a', 'default:TOK')).toBe(String(100 * switched + 300 * (60 - switched)));
    // Run again before the change (the real clock): the lines credited at 300 conflict
    // with today's 100 and are reported duplicate with the amount and rate stored then.
    const again = await l.ok(['top-up', '--file', `${l.dir}/t.ndjson`, '-o', 'jsonl']);
    expect(statuses(again.stdout)).toEqual(Array<string>(60).fill('duplicate'));
    expect(rows(again.stdout).map((r) => `${String(r.amount)} at ${String(r.exchange_rate)}`)).toEqual(rates);
  });
});

describe('bulk checks the paid amount as single does (item 5)', () => {
  it('0.30000000000000004 USD is refused per line in bulk, exit 5 single', async () => {
    const l = await setUp();
    const single = await l.run(['top-up', 'a', '0.30000000000000004', 'USD', '--asset', 'TOK']);
    expect(single.code).toBe(5);
    const overridden = await l.run(['top-up', 'a', '0.30000000000000004', 'USD', '--asset', 'TOK', '--rate', '1000']);
    expect(overridden.code).toBe(5);
    const nd =
      '{"customer":"a","amount":0.30000000000000004,"currency":"USD","asset":"TOK"}\n' +
      '{"customer":"a","amount":0.30000000000000004,"currency":"USD","asset":"TOK","rate":1000}\n' +
      '{"customer":"a","amount":0.3,"currency":"USD","asset":"TOK"}\n';
    const bulk = await l.run(['top-up', '--file', l.file('p.ndjson', nd), '-o', 'jsonl']);
    expect(bulk.code).toBe(9);
    expect(statuses(bulk.stdout)).toEqual(['validation_failed', 'invalid_amount', 'accepted']);
    expect(await l.available('a', 'default:TOK')).toBe('30');
  });
});
