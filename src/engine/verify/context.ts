import { Decimal, decimalText } from '../../money/decimal.js';
import { accountId, allAccounts, type AccountRow, type Bucket } from '../ledger/accounts.js';
import type { Store } from '../store/store.js';
import type { Violation } from '../types.js';

/** One posting as stored, in the form verify compares: `<account seq> <bucket> <amount>`. */
export interface EntryPosting {
  account_seq: number;
  bucket: Bucket;
  amount: string;
}

export interface StoredEntry {
  id: number;
  kind: string;
  reference: string;
  rounding: string | null;
  created_at: string;
  postings: EntryPosting[];
}

/** A posting verify expects a business row to have produced. */
export interface Expected {
  account: AccountRow | undefined;
  bucket: Bucket;
  amount: Decimal;
}

export interface VerifyOptions {
  /** SQLite's full `integrity_check` (index contents too) instead of `quick_check`. */
  full?: boolean;
}

/**
 * What every check of `credyt local verify` shares: the store, every account by seq and
 * platform account by purpose, the counts of rows checked (printed per kind) and the
 * violations found. Each check is its own module (verify-*.ts) and only adds to these.
 */
export class VerifyContext {
  readonly accounts: Map<number, AccountRow>;
  private readonly platform = new Map<string, AccountRow>();
  readonly checked = new Map<string, number>();
  readonly violations: Violation[] = [];

  constructor(
    readonly store: Store,
    readonly options: VerifyOptions = {},
  ) {
    this.accounts = new Map(allAccounts(store).map((a) => [a.seq, a]));
    for (const a of this.accounts.values()) if (a.customer_id === null) this.platform.set(`${a.name} ${a.asset}`, a);
  }

  count(kind: string, n = 1): void {
    this.checked.set(kind, (this.checked.get(kind) ?? 0) + n);
  }

  fail(invariant: Violation['invariant'], table: string | undefined, id: string | number | undefined, detail: string): void {
    this.violations.push({ invariant, ...(table === undefined ? {} : { table, id: String(id) }), detail });
  }

  /**
   * The account a business row names, reporting an account owned by someone else than the
   * row's customer (`doing`: what the row does to it, e.g. "credits it").
   */
  ownedAccount(row: { id: string; customer_id: string; account_seq: number }, what: string, doing: string): AccountRow | undefined {
    const account = this.accounts.get(row.account_seq);
    if (account && account.customer_id !== row.customer_id) {
      this.fail('accounts', 'accounts', account.seq, `account ${accountId(account)} belongs to ${account.customer_id ?? 'the platform'} but ${what} ${row.id} of ${row.customer_id} ${doing}`);
    }
    return account;
  }

  platformAccount(purpose: string, asset: string): AccountRow | undefined {
    return this.platform.get(`${purpose} ${asset}`);
  }

  /** `acme default:USD` or `platform:funding:USD`, for messages. */
  accountName(account: AccountRow | undefined, seq?: number): string {
    if (!account) return `account #${seq ?? '?'} (missing)`;
    return account.customer_id === null ? accountId(account) : `${account.customer_id} ${accountId(account)}`;
  }

  /**
   * Compares an entry's postings with the ones its business row implies, as multisets
   * (order and zero postings do not count: the journal drops zero postings). Returns a
   * description of the difference, or undefined when they agree.
   */
  comparePostings(entry: StoredEntry, expected: Expected[]): string | undefined {
    const want = expected
      .filter((p) => !p.amount.isZero())
      .map((p) => `${p.account ? p.account.seq : 'missing'} ${p.bucket} ${decimalText(p.amount)}`)
      .sort();
    const have = entry.postings.map((p) => `${p.account_seq} ${p.bucket} ${p.amount}`).sort();
    if (want.length === have.length && want.every((w, i) => w === have[i])) return undefined;
    const describe = (list: string[]) =>
      list
        .map((key) => {
          const [seq, bucket, amount] = key.split(' ');
          return `${this.accountName(this.accounts.get(Number(seq)), Number(seq))} ${bucket} ${amount}`;
        })
        .join(', ') || 'nothing';
    return `entry ${entry.id} (${entry.kind}) posts ${describe(have)} but the row implies ${describe(want)}`;
  }
}

interface EntryRow {
  id: number;
  kind: string;
  reference: string;
  rounding: string | null;
  created_at: string;
  account_seq: number | null;
  bucket: Bucket | null;
  amount: string | null;
}

/**
 * The journal entries of the given kinds with their postings, by reference (one scan of
 * the journal: entries are not indexed by reference, and a business row names its entries
 * by its own id). Used for top-ups, holds and grant expiries, whose rows are few next to
 * usage.
 */
export function entriesByReference(store: Store, kinds: readonly string[]): Map<string, StoredEntry[]> {
  const byReference = new Map<string, StoredEntry[]>();
  const rows = store.db
    .prepare(
      `SELECT e.id, e.kind, e.reference, e.rounding, e.created_at, p.account_seq, p.bucket, p.amount
       FROM journal_entries e LEFT JOIN journal_postings p ON p.entry_id = e.id
       WHERE e.kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY e.id, p.id`,
    )
    .iterate(...kinds) as IterableIterator<EntryRow>;
  let current: StoredEntry | undefined;
  for (const row of rows) {
    if (current?.id !== row.id) {
      current = { id: row.id, kind: row.kind, reference: row.reference, rounding: row.rounding, created_at: row.created_at, postings: [] };
      const list = byReference.get(row.reference);
      if (list) list.push(current);
      else byReference.set(row.reference, [current]);
    }
    if (row.account_seq !== null) {
      current.postings.push({ account_seq: row.account_seq, bucket: row.bucket as Bucket, amount: row.amount as string });
    }
  }
  return byReference;
}

/** Reports every entry left in `byReference` (no business row claimed it). */
export function reportOrphans(ctx: VerifyContext, byReference: Map<string, StoredEntry[]>, invariant: Violation['invariant'], what: string): void {
  for (const [reference, entries] of byReference) {
    for (const e of entries) ctx.fail(invariant, 'journal_entries', e.id, `entry ${e.id} (${e.kind}) names ${what} ${reference}, which has no such row`);
  }
}
