import { Decimal, decimalText } from '../money/decimal.js';
import { accountBySeq, type AccountRow, type Bucket } from './accounts.js';
import type { Store } from './store.js';
import { isoText } from './time.js';

export type EntryKind =
  | 'adjustment'
  | 'top_up_initiated'
  | 'top_up_completed'
  | 'top_up_failed'
  | 'top_up_expired';

export type Rounding = 'down' | 'half_up';

export interface Posting {
  account: AccountRow;
  bucket: Bucket;
  /** Signed change of that bucket of that account. */
  amount: Decimal;
}

export interface EntryInput {
  kind: EntryKind;
  /** The business object behind the entry: adjustment id, top-up id. */
  reference: string;
  postings: Posting[];
  /** Set when an amount of the entry was computed and digits were dropped. */
  rounding?: Rounding;
}

// Fixed SQL per bucket: the column name is never built from input.
const UPDATE_BUCKET: Record<Bucket, string> = {
  available: 'UPDATE accounts SET available = ? WHERE seq = ?',
  pending_in: 'UPDATE accounts SET pending_in = ? WHERE seq = ?',
  pending_out: 'UPDATE accounts SET pending_out = ? WHERE seq = ?',
};

/** Postings of each asset must sum to zero; anything else is a bug, never a user error. */
function assertBalanced(postings: Posting[]): void {
  const sums = new Map<string, Decimal>();
  for (const p of postings) sums.set(p.account.asset, (sums.get(p.account.asset) ?? new Decimal(0)).add(p.amount));
  for (const [asset, sum] of sums) {
    if (!sum.isZero()) throw new Error(`unbalanced journal entry: ${asset} postings sum to ${decimalText(sum)}`);
  }
}

/**
 * Writes one immutable journal entry and applies its postings to the materialised
 * balances. Must run inside the caller's write transaction, so the entry and the balances
 * commit together or not at all. Ids are max+1 under the write lock: gapless.
 */
export function postEntry(store: Store, entry: EntryInput): number {
  const postings = entry.postings.filter((p) => !p.amount.isZero());
  assertBalanced(postings);
  const id = ((store.stmt('SELECT max(id) AS m FROM journal_entries').get() as { m: number | null }).m ?? 0) + 1;
  store
    .stmt('INSERT INTO journal_entries (id, kind, reference, rounding, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(id, entry.kind, entry.reference, entry.rounding ?? null, isoText(store.clock()));
  const insert = store.stmt('INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (?, ?, ?, ?)');
  for (const p of postings) {
    insert.run(id, p.account.seq, p.bucket, decimalText(p.amount));
    // Re-read: an entry may post to the same bucket twice (the exchange account of a conversion).
    const current = accountBySeq(store, p.account.seq)[p.bucket];
    store.stmt(UPDATE_BUCKET[p.bucket]).run(decimalText(new Decimal(current).add(p.amount)), p.account.seq);
  }
  return id;
}
