import { Decimal } from '../../money/decimal.js';
import type { Bucket } from '../ledger/accounts.js';
import { findAsset } from '../assets/asset-registry.js';
import { entriesByReference, reportOrphans, type Expected, type StoredEntry, type VerifyContext } from './context.js';

const KINDS = ['top_up_initiated', 'top_up_completed', 'top_up_failed', 'top_up_expired'] as const;

interface Row {
  id: string;
  customer_id: string;
  account_seq: number;
  status: string;
  amount: string;
  currency: string;
  exchange_rate: string;
  quantity: string;
  rounded: number;
  resolved_at: string | null;
}

/** A reported inverse rate is exact or rounded at 18 places; what that rounding can move. */
const RATE_SLACK = new Decimal('1e-18');

/**
 * The quantity must be the amount at the recorded rate rounded down to the asset's
 * precision (docs/ledger.md, "Rounding"): the one check that ties `amount` of a top-up
 * that never completed (so never posted it) to anything.
 */
function quantityFits(row: Row, precision: number): boolean {
  const amount = new Decimal(row.amount);
  const exact = amount.mul(row.exchange_rate);
  const quantity = new Decimal(row.quantity);
  const slack = amount.abs().mul(RATE_SLACK);
  const step = new Decimal(1).div(new Decimal(10).pow(precision));
  return quantity.gt(0) && quantity.lte(exact.add(slack)) && exact.sub(quantity).lt(step.add(slack));
}

/** The postings resolveTopUp writes for this row and status (docs/ledger.md, the journal table). */
function expectedPostings(ctx: VerifyContext, row: Row, asset: string, kind: string): Expected[] {
  const account = ctx.accounts.get(row.account_seq);
  const checkout = ctx.platformAccount('checkout', asset);
  const quantity = new Decimal(row.quantity);
  const amount = new Decimal(row.amount);
  const p = (a: typeof account, bucket: Bucket, value: Decimal): Expected => ({ account: a, bucket, amount: value });
  if (kind === 'top_up_initiated') return [p(account, 'pending_in', quantity), p(checkout, 'pending_in', quantity.neg())];
  const out = [p(account, 'pending_in', quantity.neg()), p(checkout, 'pending_in', quantity)];
  if (kind !== 'top_up_completed') return out;
  const funding = ctx.platformAccount('funding', row.currency);
  out.push(p(account, 'available', quantity));
  if (asset === row.currency && quantity.eq(amount)) out.push(p(funding, 'available', amount.neg()));
  else {
    out.push(
      p(funding, 'available', amount.neg()),
      p(ctx.platformAccount('exchange', row.currency), 'available', amount),
      p(ctx.platformAccount('exchange', asset), 'available', quantity.neg()),
    );
  }
  return out;
}

/**
 * Every top-up, in every state, against the entries it produced: one `top_up_initiated`
 * entry, and one `top_up_<status>` entry once resolved (none while initiated), each with
 * exactly the postings its amount, quantity, currency and account imply and the rounding
 * flag it recorded; the account belongs to its customer; the quantity is the amount at
 * its rate; no top-up entry is without its row.
 */
export function verifyTopUps(ctx: VerifyContext): void {
  ctx.count('top_ups', 0);
  const entries = entriesByReference(ctx.store, KINDS);
  const rows = ctx.store.db
    .prepare(
      'SELECT id, customer_id, account_seq, status, amount, currency, exchange_rate, quantity, rounded, resolved_at FROM top_ups ORDER BY seq',
    )
    .iterate() as IterableIterator<Row>;
  for (const row of rows) {
    ctx.count('top_ups');
    const fail = (detail: string) => ctx.fail('top_ups', 'top_ups', row.id, detail);
    const account = ctx.ownedAccount(row, 'top-up', 'credits it');
    const asset = account?.asset ?? '?';
    const info = findAsset(ctx.store, asset);
    if (info && !quantityFits(row, info.precision)) {
      fail(`quantity ${row.quantity} ${asset} is not ${row.amount} ${row.currency} at ${row.exchange_rate} rounded down`);
    }
    const mine = entries.get(row.id) ?? [];
    entries.delete(row.id);
    const want = row.status === 'initiated' ? ['top_up_initiated'] : ['top_up_initiated', `top_up_${row.status}`];
    const kinds = mine.map((e) => e.kind);
    if (kinds.join() !== want.join()) {
      fail(`status ${row.status} needs entries ${want.join(', ')} but the journal has ${kinds.join(', ') || 'none'}`);
    }
    if ((row.status === 'initiated') !== (row.resolved_at === null)) fail(`status ${row.status} with resolved_at ${row.resolved_at ?? 'null'}`);
    for (const entry of mine) checkEntry(ctx, row, asset, entry, fail);
  }
  reportOrphans(ctx, entries, 'top_ups', 'top-up');
}

function checkEntry(ctx: VerifyContext, row: Row, asset: string, entry: StoredEntry, fail: (detail: string) => void): void {
  const diff = ctx.comparePostings(entry, expectedPostings(ctx, row, asset, entry.kind));
  if (diff) fail(diff);
  const rounds = entry.kind === 'top_up_initiated' || entry.kind === 'top_up_completed';
  const rounding = rounds && row.rounded === 1 ? 'down' : null;
  if (entry.rounding !== rounding) fail(`entry ${entry.id} (${entry.kind}) records rounding ${entry.rounding ?? 'none'} but the top-up says ${rounding ?? 'none'}`);
}
