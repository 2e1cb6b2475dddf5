import { randomUUID } from 'node:crypto';
import type { CredytClient } from '../client/client.js';
import { CredytError } from '../errors.js';
import { Decimal, decimalText } from '../money/decimal.js';
import { toDecimal } from '../json/parse.js';
import type { Fee } from '../client/catalog-types.js';
import type { TestSpec } from './model.js';

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestResult {
  name: string;
  kind: 'quote' | 'simulate';
  status: TestStatus;
  expected: string;
  actual: string;
  /** Why it failed or was skipped (an API error, a missing `--local`). */
  message?: string;
  seconds: number;
}

export interface TestTarget {
  client: CredytClient;
  /** Only the scratch engine can move its clock; without it a test with `at` is skipped. */
  setClock?: (at: Date | undefined) => void;
}

const amountText = (d: Decimal) => decimalText(d);

function totalsText(totals: Map<string, Decimal>): string {
  return [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([asset, amount]) => `${asset} ${amountText(amount)}`).join(', ') || '(none)';
}

function feeText(fee: { price?: string | null; asset: string; amount: Decimal }): string {
  return `${fee.price ? fee.price + ': ' : ''}${fee.asset.toUpperCase()} ${amountText(fee.amount)}`;
}

async function runQuote(test: TestSpec, target: TestTarget): Promise<Omit<TestResult, 'name' | 'seconds'>> {
  const q = test.quote!;
  const expected = `quantity ${amountText(test.expect.quantity!)}`;
  if (q.at && !target.setClock) {
    return { kind: 'quote', status: 'skipped', expected, actual: '', message: 'quote.at needs --local (a profile quotes at its own clock)' };
  }
  if (q.at) target.setClock!(new Date(q.at));
  try {
    const answer = await target.client.quote(q.asset, { source: q.source, amount: q.amount });
    const quantity = toDecimal(answer.quantity);
    const actual = `quantity ${amountText(quantity)}`;
    return { kind: 'quote', status: quantity.eq(test.expect.quantity!) ? 'passed' : 'failed', expected, actual };
  } finally {
    if (q.at) target.setClock!(undefined);
  }
}

async function runSimulate(test: TestSpec, target: TestTarget): Promise<Omit<TestResult, 'name' | 'seconds'>> {
  const s = test.simulate!;
  const id = await target.client.resolveProduct(s.product);
  const events = s.events.map((e) => ({ id: randomUUID(), event_type: e.type, data: e.data ?? {} }));
  const result = await target.client.simulateUsage(id, 'default', { events });
  const fees: Fee[] = result.events.flatMap((e) => e.fees ?? []);
  const totals = new Map<string, Decimal>();
  for (const t of result.totals) {
    const amount = toDecimal(t.amount);
    if (!amount.isZero()) totals.set(t.asset.toUpperCase(), amount);
  }
  const want = test.expect;
  const expectedParts: string[] = [];
  const actualParts: string[] = [];
  let ok = true;
  if (want.total) {
    const wanted = new Map<string, Decimal>();
    for (const [asset, amount] of Object.entries(want.total)) if (!amount.isZero()) wanted.set(asset.toUpperCase(), amount);
    const same = wanted.size === totals.size && [...wanted].every(([asset, amount]) => totals.get(asset)?.eq(amount));
    ok &&= same;
    expectedParts.push(`total ${totalsText(wanted)}`);
    actualParts.push(`total ${totalsText(totals)}`);
  }
  if (want.fees) {
    const actual = fees.map((f) => ({ price: f.price_name ?? undefined, asset: f.asset.toUpperCase(), amount: toDecimal(f.amount) }));
    const left = [...actual];
    let same = want.fees.length === actual.length;
    for (const fee of want.fees) {
      const i = left.findIndex(
        (a) => a.asset === fee.asset.toUpperCase() && a.amount.eq(fee.amount) && (fee.price === undefined || a.price === fee.price),
      );
      if (i === -1) same = false;
      else left.splice(i, 1);
    }
    ok &&= same;
    expectedParts.push(`fees ${want.fees.map(feeText).join('; ') || '(none)'}`);
    actualParts.push(`fees ${actual.map(feeText).join('; ') || '(none)'}`);
  }
  return { kind: 'simulate', status: ok ? 'passed' : 'failed', expected: expectedParts.join(' | '), actual: actualParts.join(' | ') };
}

/**
 * Runs the file's tests in order. An API error fails that test (with its message) and the
 * run goes on; only a network or authentication failure would stop it, by throwing.
 */
export async function runPricingTests(tests: TestSpec[], target: TestTarget): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of tests) {
    const started = performance.now();
    let outcome: Omit<TestResult, 'name' | 'seconds'>;
    try {
      outcome = test.quote ? await runQuote(test, target) : await runSimulate(test, target);
    } catch (error) {
      if (!(error instanceof CredytError) || error.exitCode === 3 || error.exitCode === 8) throw error;
      outcome = {
        kind: test.quote ? 'quote' : 'simulate',
        status: 'failed',
        expected: '',
        actual: '',
        message: error.message,
      };
    }
    results.push({ name: test.name, ...outcome, seconds: (performance.now() - started) / 1000 });
  }
  return results;
}

