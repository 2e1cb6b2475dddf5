import { Decimal, decimalText } from '../money/decimal.js';
import { accountBySeq, type AccountRow, type Bucket } from './accounts.js';
import type { Store } from './store.js';
import { isoText } from './time.js';

export type EntryKind =
  | 'adjustment'
  | 'top_up_initiated'
  | 'top_up_completed'
  | 'top_up_failed'
  | 'top_up_expired'
  | 'usage_fees'
  | 'hold_created'
  | 'hold_captured'
  | 'hold_voided'
  | 'hold_expired'
  | 'grant_expired';

export type Rounding = 'down' | 'half_up';

export interface Posting {
  account: AccountRow;
  bucket: Bucket;
  /** Signed change of that bucket of that account. */
  amount: Decimal;
}

export interface EntryInput {
  kind: EntryKind;
  /** The business object behind the entry: adjustment id, top-up id, event id. */
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
 * The id the next entry gets: max+1, read under the write lock once per write transaction
 * and counted on in memory (every entry is written through here). Any rollback drops it
 * (Store.transactionMemo), so the next entry reads max+1 again: ids stay gapless.
 */
function nextEntryId(store: Store): { next: number } {
  return store.transactionMemo('journal next id', () => ({
    next: ((store.stmt('SELECT max(id) AS m FROM journal_entries').get() as { m: number | null }).m ?? 0) + 1,
  }));
}

/**
 * Writes journal entries inside the caller's write transaction and applies their postings
 * to the materialised balances once per touched bucket at `flush()`: a request that posts
 * a thousand fees to one account reads and writes that balance once, not a thousand times.
 * Ids are max+1 under the write lock (see nextEntryId): gapless.
 */
export class JournalBatch {
  /** One transaction, one instant: every entry of the batch is dated alike. */
  private readonly createdAt: string;
  private readonly deltas = new Map<string, { seq: number; bucket: Bucket; amount: Decimal }>();

  constructor(private readonly store: Store) {
    this.createdAt = isoText(store.clock());
  }

  /** Writes one entry (zero postings are dropped) and returns its id. */
  add(entry: EntryInput): number {
    const postings = entry.postings.filter((p) => !p.amount.isZero());
    assertBalanced(postings);
    const { store } = this;
    const cursor = nextEntryId(store);
    const id = cursor.next;
    store
      .stmt('INSERT INTO journal_entries (id, kind, reference, rounding, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, entry.kind, entry.reference, entry.rounding ?? null, this.createdAt);
    cursor.next = id + 1;
    const insert = store.stmt('INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (?, ?, ?, ?)');
    for (const p of postings) {
      insert.run(id, p.account.seq, p.bucket, decimalText(p.amount));
      const key = `${p.account.seq} ${p.bucket}`;
      const delta = this.deltas.get(key);
      if (delta) delta.amount = delta.amount.add(p.amount);
      else this.deltas.set(key, { seq: p.account.seq, bucket: p.bucket, amount: p.amount });
    }
    return id;
  }

  /** Applies the accumulated postings to the balances; the batch may be reused after. */
  flush(): void {
    for (const { seq, bucket, amount } of this.deltas.values()) {
      if (amount.isZero()) continue;
      // Read now, not when the posting was made: the stored balance is the truth.
      const current = accountBySeq(this.store, seq)[bucket];
      this.store.stmt(UPDATE_BUCKET[bucket]).run(decimalText(new Decimal(current).add(amount)), seq);
    }
    this.deltas.clear();
  }
}

/**
 * Writes one immutable journal entry and applies its postings to the materialised
 * balances. Must run inside the caller's write transaction, so the entry and the balances
 * commit together or not at all.
 */
export function postEntry(store: Store, entry: EntryInput): number {
  const batch = new JournalBatch(store);
  const id = batch.add(entry);
  batch.flush();
  return id;
}
