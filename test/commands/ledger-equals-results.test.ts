import { describe, expect, it } from 'vitest';
import { parseJsonDecimal } from '../../src/json/parse.js';
import { Decimal } from '../../src/money/decimal.js';
import { ledger } from './money-helpers.js';

type Row = { ok: boolean; status?: string; customer_id?: string; asset?: string; amount?: unknown };

/**
 * Must hold: every `-o jsonl` status and the summary equal what the ledger
 * moved. Mixed files (identical lines, a repeated transaction id, conversions, failing
 * lines) are run, re-run and extended; after each run the accepted amounts of all runs so
 * far, summed from the jsonl, equal the wallets, and the summary counts equal the jsonl's.
 */
describe('the results are the ledger', () => {
  it('Σ accepted jsonl amounts = wallets, summary = jsonl counts, across re-runs', { timeout: 60_000 }, async () => {
    const l = ledger();
    const ids: Record<string, string> = {};
    for (const c of ['a', 'b']) {
      const r = await l.ok(['customers', 'create', '--name', c, '--external-id', c, '-o', 'json']);
      ids[(JSON.parse(r.stdout) as { id: string }).id] = c;
    }
    await l.ok(['assets', 'create', '--code', 'TOK', '--name', 'Tok', '--precision', '2', '--inverse-rate', 'USD=42']);
    const tx = '9e8d7c6b-5a49-4382-8716-a5b4c3d2e1f0';
    const base = [
      'customer,amount,currency,asset,transaction_id',
      'a,10,USD,,',
      'a,10,USD,,',
      'b,3.333333,USD,TOK,',
      'b,3.333333,USD,TOK,',
      `a,1,USD,TOK,${tx}`,
      `a,1,USD,TOK,${tx}`,
      'nobody,5,USD,,',
      'b,0.0001,USD,TOK,', // buys 0.0042: nothing at precision 2
    ];
    const moved = new Map<string, Decimal>();
    const runs = [base, base, [...base, 'a,10,USD,,', 'b,3.333333,USD,TOK,']];
    for (const [n, lines] of runs.entries()) {
      const r = await l.run(['top-up', '--file', l.file(`run${n}.csv`, lines.join('\n') + '\n'), '-o', 'jsonl']);
      expect(r.code).toBe(9);
      const rows = r.stdout.split('\n').filter(Boolean).map((line) => parseJsonDecimal(line) as Row);
      const count = { accepted: 0, duplicate: 0, failed: 0 };
      for (const row of rows) {
        if (!row.ok) count.failed++;
        else count[row.status as 'accepted' | 'duplicate']++;
        if (row.status !== 'accepted') continue;
        const key = `${ids[row.customer_id!]} ${row.asset}`;
        moved.set(key, (moved.get(key) ?? new Decimal(0)).plus(String(row.amount)));
      }
      expect(r.stderr).toContain(`${rows.length} lines: ${count.accepted} accepted, ${count.duplicate} duplicate, ${count.failed} failed`);
      for (const key of ['a USD', 'a TOK', 'b TOK']) {
        const [c, asset] = key.split(' ') as [string, string];
        expect(`${key} ${await l.available(c, `default:${asset}`)}`).toBe(`${key} ${(moved.get(key) ?? new Decimal(0)).toFixed()}`);
      }
    }
    // The first run moved 10+10 USD, 2 × 139.99 TOK and 42 TOK once; the re-run nothing; the
    // appended run one more of each identical line.
    expect(Object.fromEntries([...moved].map(([k, v]) => [k, v.toFixed()]))).toEqual({ 'a USD': '30', 'b TOK': '419.97', 'a TOK': '42' });
  });
});
