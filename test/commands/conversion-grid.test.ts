import { describe, expect, it } from 'vitest';
import { parseJsonDecimal } from '../../src/json/parse.js';
import { ledger } from './money-helpers.js';

/**
 * Differential test: the same payments through `top-up` one by one, through
 * `top-up --file` as CSV and as NDJSON, and through an independent BigInt oracle, compared
 * number by number, then the wallets against the sums of the `-o jsonl` results.
 */
const PRECISIONS = [0, 2, 6, 18];
const RATES: [flag: '--rate' | '--inverse-rate', value: string][] = [
  ['--rate', '0.03'], // direct, inverse 33.33…
  ['--inverse-rate', '42'], // 1/42 rounds to 17 digits: bulk once treated it as exact
  ['--inverse-rate', '61'],
  ['--inverse-rate', '103'],
  ['--rate', '0.07'], // uneven
  ['--rate', '0.123456789012345678'], // 18 decimals, rounded inverse
  ['--inverse-rate', '0.123456789012345678'],
];
const AMOUNTS = ['1', '100', '0.01', '3.333333', '1000000000000000'];

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** `text` as numerator over a power of ten. */
function fraction(text: string): [bigint, bigint] {
  const [int, frac = ''] = text.split('.');
  return [BigInt(int! + frac), pow10(frac.length)];
}

/** amount × units per USD, rounded down to `precision`, as decimal text without trailing zeros. */
function oracle(amount: string, [flag, value]: (typeof RATES)[number], precision: number): string {
  const [an, ad] = fraction(amount);
  const [rn, rd] = fraction(value);
  // --rate is the price of one unit in USD: units per USD is its reciprocal.
  const [un, ud] = flag === '--rate' ? [rd, rn] : [rn, rd];
  const scaled = (an * un * pow10(precision)) / (ad * ud);
  const digits = scaled.toString().padStart(precision + 1, '0');
  const text = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

const text = (v: unknown) => String(v);

describe('single and bulk top-ups convert alike', () => {
  it('a grid of precisions × rates × amounts gives the same quantity everywhere', { timeout: 240_000 }, async () => {
    const l = ledger();
    for (const c of ['s', 'c', 'n']) await l.ok(['customers', 'create', '--name', c, '--external-id', c]);
    const cases: { asset: string; precision: number; rate: (typeof RATES)[number]; amount: string; expected: string }[] = [];
    for (const precision of PRECISIONS) {
      for (const [i, rate] of RATES.entries()) {
        const asset = `G${precision}R${i}`;
        await l.ok(['assets', 'create', '--code', asset, '--name', asset, '--precision', String(precision), rate[0], `USD=${rate[1]}`]);
        for (const amount of AMOUNTS) cases.push({ asset, precision, rate, amount, expected: oracle(amount, rate, precision) });
      }
    }
    const csv = ['customer,amount,currency,asset', ...cases.map((c) => `c,${c.amount},USD,${c.asset}`)].join('\n') + '\n';
    const ndjson = cases.map((c) => `{"customer":"n","amount":${c.amount},"currency":"USD","asset":"${c.asset}"}\n`).join('');
    const bulkCsv = await l.run(['top-up', '--file', l.file('grid.csv', csv), '-o', 'jsonl']);
    const bulkNd = await l.run(['top-up', '--file', l.file('grid.ndjson', ndjson), '-o', 'jsonl']);
    const rows = (r: { stdout: string }) => r.stdout.split('\n').filter(Boolean).map((line) => parseJsonDecimal(line) as Record<string, unknown>);
    const csvRows = rows(bulkCsv);
    const ndRows = rows(bulkNd);
    expect(csvRows).toHaveLength(cases.length);
    expect(ndRows).toHaveLength(cases.length);

    const mismatches: string[] = [];
    /** What each path's results say moved, in minor units per customer and asset. */
    const moved = new Map<string, bigint>();
    const add = (customer: string, c: (typeof cases)[number], amount: unknown) => {
      const [num, den] = fraction(text(amount));
      const key = `${customer} ${c.asset}`;
      moved.set(key, (moved.get(key) ?? 0n) + (num * pow10(c.precision)) / den);
    };
    for (const [k, c] of cases.entries()) {
      const single = await l.run(['top-up', 's', c.amount, 'USD', '--asset', c.asset, '-o', 'json']);
      const label = `${c.amount} USD → ${c.asset} (${c.rate.join(' ')}, precision ${c.precision})`;
      const singleJson = single.code === 0 ? (parseJsonDecimal(single.stdout) as { amount: unknown; status: string }) : undefined;
      const got = {
        single: singleJson ? text(singleJson.amount) : `exit ${single.code}`,
        csv: csvRows[k]!.ok ? text(csvRows[k]!.amount) : String((csvRows[k]!.error as { code: string }).code),
        ndjson: ndRows[k]!.ok ? text(ndRows[k]!.amount) : String((ndRows[k]!.error as { code: string }).code),
      };
      const want = c.expected === '0' ? { single: 'exit 2', csv: 'nothing_to_credit', ndjson: 'nothing_to_credit' } : { single: c.expected, csv: c.expected, ndjson: c.expected };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${label}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      if (singleJson?.status === 'accepted') add('s', c, singleJson.amount);
      if (csvRows[k]!.status === 'accepted') add('c', c, csvRows[k]!.amount);
      if (ndRows[k]!.status === 'accepted') add('n', c, ndRows[k]!.amount);
    }
    expect(mismatches).toEqual([]);
    expect(bulkCsv.code).toBe(9); // the lines that buy 0 units fail, and nothing else
    expect(bulkNd.code).toBe(9);

    // The wallets hold exactly what the results say moved, on every path.
    expect(moved.size).toBe(3 * new Set(cases.filter((c) => c.expected !== '0').map((c) => c.asset)).size);
    for (const [key, units] of moved) {
      const [customer, asset] = key.split(' ') as [string, string];
      const precision = Number(asset.slice(1, asset.indexOf('R')));
      const digits = units.toString().padStart(precision + 1, '0');
      const want = precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`.replace(/0+$/, '').replace(/\.$/, '');
      expect(`${key} ${await l.available(customer, `default:${asset}`)}`).toBe(`${key} ${want}`);
    }
  });
});
