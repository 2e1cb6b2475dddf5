import { Decimal, decimalText } from '../../money/decimal.js';
import { accountId } from '../ledger/accounts.js';
import type { VerifyContext } from './context.js';

/**
 * The invariants holds and grants add (docs/ledger.md): each customer account's
 * `pending_out` equals its pending holds; no grant is below zero or above its amount; an
 * account whose grants are in step with its journal has available = Σ remaining − debt
 * with never both positive; and SQLite's own `PRAGMA quick_check` (`integrity_check` with
 * options.full).
 */
export function verifyHoldsAndGrants(ctx: VerifyContext): void {
  const { store } = ctx;
  const held = new Map<number, Decimal>();
  for (const h of store.db.prepare("SELECT account_seq, amount FROM holds WHERE status = 'pending'").iterate() as Iterable<{
    account_seq: number;
    amount: string;
  }>) {
    held.set(h.account_seq, (held.get(h.account_seq) ?? new Decimal(0)).add(h.amount));
  }
  const remaining = new Map<number, Decimal>();
  for (const g of store.db.prepare('SELECT id, account_seq, amount, remaining, expired_at FROM grants').iterate() as Iterable<{
    id: string;
    account_seq: number;
    amount: string;
    remaining: string;
    expired_at: string | null;
  }>) {
    const left = new Decimal(g.remaining);
    if (left.lt(0) || left.gt(g.amount)) {
      ctx.fail('grants', 'grants', g.id, `grant ${g.id} has ${g.remaining} left of ${g.amount}`);
    }
    if (g.expired_at === null) remaining.set(g.account_seq, (remaining.get(g.account_seq) ?? new Decimal(0)).add(left));
  }
  const cursors = new Map(
    (store.db.prepare('SELECT account_seq, through_posting, debt FROM grant_cursors').all() as {
      account_seq: number;
      through_posting: number;
      debt: string;
    }[]).map((c) => [c.account_seq, c]),
  );
  const last = new Map(
    (store.db
      .prepare("SELECT account_seq, max(id) AS m FROM journal_postings WHERE bucket = 'available' GROUP BY account_seq")
      .all() as { account_seq: number; m: number }[]).map((r) => [r.account_seq, r.m]),
  );
  for (const account of ctx.accounts.values()) {
    if (account.customer_id === null) continue;
    const name = `${account.customer_id} ${accountId(account)}`;
    const pending = held.get(account.seq) ?? new Decimal(0);
    if (!pending.eq(account.pending_out)) {
      ctx.fail('pending_out', 'accounts', account.seq, `${name} pending_out is ${account.pending_out} but pending holds sum to ${decimalText(pending)}`);
    }
    const cursor = cursors.get(account.seq);
    if (!cursor || cursor.through_posting < (last.get(account.seq) ?? 0)) continue;
    const left = remaining.get(account.seq) ?? new Decimal(0);
    const debt = new Decimal(cursor.debt);
    if (!left.sub(debt).eq(account.available) || (left.gt(0) && debt.gt(0))) {
      ctx.fail('grants', 'accounts', account.seq, `${name} available is ${account.available} but grants leave ${decimalText(left)} with ${decimalText(debt)} overdrawn`);
    }
  }
  // quick_check skips comparing each index with its table: O(N) not O(N log N), a third of
  // the time at 200,000 events (0.31 s against 0.92 s of CPU); `--full` runs it all.
  const integrity = store.db.prepare(ctx.options.full ? 'PRAGMA integrity_check' : 'PRAGMA quick_check').pluck().all() as string[];
  if (integrity.join() !== 'ok') {
    for (const line of integrity) ctx.fail('integrity', undefined, undefined, line);
  }
}
