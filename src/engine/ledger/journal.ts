import { Decimal, decimalText } from '../../money/decimal.js';
import { type AccountRow, type Bucket } from './accounts.js';
import type { Db } from '../store/db.js';
import { entryHash, GENESIS, HEAD_KEY, headText, type ChainPosting } from './journal-chain.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';

/** The kinds of entry that move money: every one a transaction in `wallet history`. */
export const MONEY_ENTRY_KINDS = [
  'adjustment',
  'top_up_initiated',
  'top_up_completed',
  'top_up_failed',
  'top_up_expired',
  'usage_fees',
  'hold_created',
  'hold_captured',
  'hold_voided',
  'hold_expired',
  'grant_expired',
  'subscription_paid',
  'subscription_fee',
  'subscription_refund',
  'subscription_grant',
] as const;

/** Every kind of entry; the last two have no postings: the record of an API key made or revoked (reference = the key's hash). */
export const ENTRY_KINDS = [...MONEY_ENTRY_KINDS, 'api_key_created', 'api_key_revoked'] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

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

/** SQL function: the exact sum of two canonical decimal texts, as canonical text. */
const ADD_DECIMAL = 'credyt_add_decimal';
const withAddDecimal = new WeakSet<Db>();

// Fixed SQL per bucket: the column name is never built from input. The balance is read and
// written by the one statement, under the write lock: the stored balance is the truth.
const UPDATE_BUCKET: Record<Bucket, string> = {
  available: `UPDATE accounts SET available = ${ADD_DECIMAL}(available, ?) WHERE seq = ?`,
  pending_in: `UPDATE accounts SET pending_in = ${ADD_DECIMAL}(pending_in, ?) WHERE seq = ?`,
  pending_out: `UPDATE accounts SET pending_out = ${ADD_DECIMAL}(pending_out, ?) WHERE seq = ?`,
};

/** Registers ADD_DECIMAL on this connection once (other connections never run these statements). */
function registerAddDecimal(db: Db): void {
  if (withAddDecimal.has(db)) return;
  db.function(ADD_DECIMAL, { deterministic: true }, (a: unknown, b: unknown) =>
    decimalText(new Decimal(a as string).add(new Decimal(b as string))),
  );
  withAddDecimal.add(db);
}

/** Postings of each asset must sum to zero; anything else is a bug, never a user error. */
function assertBalanced(postings: Posting[]): void {
  const sums = new Map<string, Decimal>();
  for (const p of postings) sums.set(p.account.asset, (sums.get(p.account.asset) ?? new Decimal(0)).add(p.amount));
  for (const [asset, sum] of sums) {
    if (!sum.isZero()) throw new Error(`unbalanced journal entry: ${asset} postings sum to ${decimalText(sum)}`);
  }
}

/**
 * The id the next entry gets (max+1) and the hash it chains to (the last entry's), read
 * under the write lock once per write transaction and carried on in memory (every entry is
 * written through here). Any rollback drops them (Store.transactionMemo), so the next
 * entry reads them again: ids stay gapless and the chain unbroken.
 */
function nextEntryId(store: Store): { next: number; prev: string } {
  return store.transactionMemo('journal next id', () => {
    const last = store.stmt('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1').get() as
      | { id: number; hash: string | null }
      | undefined;
    return { next: (last?.id ?? 0) + 1, prev: last?.hash ?? GENESIS };
  });
}

/**
 * Stores the journal's head (last id and hash, docs/ledger.md "The hash chain") as the last
 * step of a write transaction that added entries: once per commit group rather than once
 * per entry, as the trigger of schema 23 did until schema 30. Read back rather than carried:
 * a write of the group may have rolled back to its savepoint.
 */
function writeHead(store: Store): void {
  const last = store.stmt('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1').get() as
    | { id: number; hash: string | null }
    | undefined;
  if (last) store.stmt('UPDATE settings SET value = ? WHERE key = ?').run(headText(last.id, last.hash ?? ''), HEAD_KEY);
}

const headSteps = new WeakMap<Store, () => void>();

/** Postings written by one INSERT at most: an entry's postings go in as few statements as this allows. */
const POSTINGS_PER_INSERT = 16;
const insertPostingsSql: string[] = [];

/** Writes an entry's postings in order (their ids follow it), a multi-row INSERT per chunk. */
function insertPostings(store: Store, entryId: number, postings: Posting[]): void {
  for (let from = 0; from < postings.length; from += POSTINGS_PER_INSERT) {
    const chunk = postings.slice(from, from + POSTINGS_PER_INSERT);
    const sql = (insertPostingsSql[chunk.length] ??=
      'INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES ' +
      Array.from({ length: chunk.length }, () => '(?, ?, ?, ?)').join(', '));
    const values: unknown[] = [];
    for (const p of chunk) values.push(entryId, p.account.seq, p.bucket, decimalText(p.amount));
    store.stmt(sql).run(values);
  }
}

/**
 * Writes journal entries inside the caller's write transaction and applies their postings
 * to the materialised balances once per touched bucket at `flush()`: a request that posts
 * a thousand fees to one account updates that balance once, not a thousand times.
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
    const rounding = entry.rounding ?? null;
    const chained: ChainPosting[] = postings.map((p) => ({
      customer_id: p.account.customer_id,
      name: p.account.name,
      asset: p.account.asset,
      bucket: p.bucket,
      amount: decimalText(p.amount),
    }));
    const hash = entryHash(cursor.prev, { id, kind: entry.kind, reference: entry.reference, rounding, created_at: this.createdAt }, chained);
    store
      .stmt('INSERT INTO journal_entries (id, kind, reference, rounding, created_at, hash) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, entry.kind, entry.reference, rounding, this.createdAt, hash);
    cursor.next = id + 1;
    cursor.prev = hash;
    let step = headSteps.get(store);
    if (!step) headSteps.set(store, (step = () => writeHead(store)));
    store.beforeCommit(HEAD_KEY, step);
    insertPostings(store, id, postings);
    for (const p of postings) {
      const key = `${p.account.seq} ${p.bucket}`;
      const delta = this.deltas.get(key);
      if (delta) delta.amount = delta.amount.add(p.amount);
      else this.deltas.set(key, { seq: p.account.seq, bucket: p.bucket, amount: p.amount });
    }
    return id;
  }

  /** Applies the accumulated postings to the balances; the batch may be reused after. */
  flush(): void {
    if (this.deltas.size > 0) registerAddDecimal(this.store.db);
    for (const { seq, bucket, amount } of this.deltas.values()) {
      if (amount.isZero()) continue;
      this.store.stmt(UPDATE_BUCKET[bucket]).run(decimalText(amount), seq);
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
