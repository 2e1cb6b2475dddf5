import { parseJsonDecimalAnyDepth } from '../../json/parse.js';
import { Decimal, decimalText } from '../../money/decimal.js';
import { ten } from '../assets/fixed.js';
import type { VerifyContext } from './context.js';
import { add, same, sumsText, units, type Sums } from './fee-sums.js';

const PLACES = 36;

/**
 * The stats' sums (`usage_days`, docs/vendors.md) against what they sum: per customer, the
 * fees (vendor 0) equal what the customer's usage_fees entries took, per asset; per
 * customer and vendor, the costs equal the costs stored on the events, per currency.
 */
export function verifyUsageDays(ctx: VerifyContext): void {
  const { store } = ctx;
  const stated = new Map<string, Sums>();
  const of = (map: Map<string, Sums>, key: string) => {
    let sums = map.get(key);
    if (!sums) map.set(key, (sums = new Map()));
    return sums;
  };
  const rows = store.db
    .prepare('SELECT customer_id, vendor_seq, currency, scale, units FROM usage_days')
    .raw()
    .iterate() as IterableIterator<[string, number, string, number, string]>;
  let count = 0;
  for (const [customer, vendor, currency, scale, n] of rows) {
    count++;
    add(of(stated, `${customer} ${vendor}`), currency, BigInt(n) * ten(PLACES - scale));
  }
  ctx.count('usage_days', count);

  const actual = new Map<string, Sums>();
  const taken = store.db
    .prepare(
      `SELECT a.customer_id, a.asset, p.amount FROM journal_entries e JOIN journal_postings p ON p.entry_id = e.id
       JOIN accounts a ON a.seq = p.account_seq WHERE e.kind = 'usage_fees' AND a.customer_id IS NOT NULL`,
    )
    .raw()
    .iterate() as IterableIterator<[string, string, string]>;
  for (const [customer, asset, amount] of taken) add(of(actual, `${customer} 0`), asset, -(units(amount) ?? 0n));
  const vendors = new Map(store.db.prepare('SELECT id, seq FROM vendors').raw().all() as [string, number][]);
  const costs = store.db.prepare("SELECT customer_id, costs FROM events WHERE costs <> '[]'").raw().iterate() as IterableIterator<[string, string]>;
  for (const [customer, text] of costs) {
    for (const cost of parseJsonDecimalAnyDepth(text) as { vendor_id: string; amount: unknown; currency: string }[]) {
      const amount = units(decimalText(new Decimal(String(cost.amount))));
      add(of(actual, `${customer} ${vendors.get(cost.vendor_id) ?? cost.vendor_id}`), cost.currency, amount ?? 0n);
    }
  }
  for (const key of new Set([...stated.keys(), ...actual.keys()])) {
    const a = stated.get(key) ?? new Map();
    const b = actual.get(key) ?? new Map();
    if (same(a, b)) continue;
    const [customer, vendor] = key.split(' ');
    const what = vendor === '0' ? 'fees charged' : `costs of vendor #${vendor}`;
    ctx.fail('fees', 'usage_days', customer, `usage_days of ${customer}: ${what} sum to ${sumsText(a)}, the ledger says ${sumsText(b)}`);
  }
}
