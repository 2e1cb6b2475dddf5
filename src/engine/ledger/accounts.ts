import { Decimal } from '../../money/decimal.js';
import type { Fields } from '../request/fields.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { AccountView } from '../types.js';

export type Bucket = 'available' | 'pending_in' | 'pending_out';
export const BUCKETS: readonly Bucket[] = ['available', 'pending_in', 'pending_out'];

export interface AccountRow {
  seq: number;
  customer_id: string | null;
  name: string;
  asset: string;
  available: string;
  pending_in: string;
  pending_out: string;
  created_at: string;
}

/**
 * Platform-side accounts, one per purpose and asset, are the other side of every customer
 * balance change (see docs/ledger.md). They have no customer and run negative as value
 * flows to customers.
 */
export type PlatformPurpose =
  | 'funding'
  | 'promotion'
  | 'refunds'
  | 'charges'
  | 'corrections'
  | 'checkout'
  | 'exchange'
  | 'revenue'
  | 'holds'
  | 'captures'
  | 'breakage'
  | 'entitlements';

const ACCOUNT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
export const DEFAULT_ACCOUNT = 'default';
const COLUMNS = 'seq, customer_id, name, asset, available, pending_in, pending_out, created_at';
// Built once: the statement cache is keyed by the SQL text, and hashing a string built per
// call costs more than the lookup (these run on the hot paths of writes and reads).
const FIND = `SELECT ${COLUMNS} FROM accounts WHERE ifnull(customer_id, '') = ? AND name = ? AND asset = ?`;
const BY_SEQ = `SELECT ${COLUMNS} FROM accounts WHERE seq = ?`;
const OF_CUSTOMER = `SELECT ${COLUMNS} FROM accounts WHERE ifnull(customer_id, '') = ? ORDER BY seq`;
const ALL = `SELECT ${COLUMNS} FROM accounts ORDER BY seq`;

/** `account_name` of a body: default "default"; no ':' since it separates the asset in ids. */
export function readAccountName(fields: Fields, key = 'account_name'): string {
  return (
    fields.string(key, {
      pattern: ACCOUNT_NAME,
      allowed: 'a valid account name (1 to 64 letters, digits, _, - or .)',
    }) ?? DEFAULT_ACCOUNT
  );
}

/** `default:USD`, or `platform:funding:USD` for a platform account. */
export function accountId(row: Pick<AccountRow, 'customer_id' | 'name' | 'asset'>): string {
  return row.customer_id === null ? `platform:${row.name}:${row.asset}` : `${row.name}:${row.asset}`;
}

/** Splits `<name>:<ASSET>` (a `%3A` left encoded by a client counts as the colon). */
export function parseAccountId(text: string): { name: string; asset: string } | undefined {
  const decoded = text.replace(/%3a/gi, ':');
  const at = decoded.indexOf(':');
  if (at <= 0 || at === decoded.length - 1) return undefined;
  return { name: decoded.slice(0, at), asset: decoded.slice(at + 1) };
}

export function accountView(row: AccountRow): AccountView {
  return {
    id: accountId(row),
    name: row.name,
    asset: row.asset,
    available: new Decimal(row.available),
    pending_in: new Decimal(row.pending_in),
    pending_out: new Decimal(row.pending_out),
  };
}

export function findAccount(store: Store, customerId: string | null, name: string, asset: string): AccountRow | undefined {
  return store.stmt(FIND).get(customerId ?? '', name, asset) as AccountRow | undefined;
}

/** The account, created with zero balances on first use. Call inside a write transaction. */
export function ensureAccount(store: Store, customerId: string | null, name: string, asset: string): AccountRow {
  const found = findAccount(store, customerId, name, asset);
  if (found) return found;
  store
    .stmt('INSERT INTO accounts (customer_id, name, asset, created_at) VALUES (?, ?, ?, ?)')
    .run(customerId, name, asset, isoText(store.clock()));
  return findAccount(store, customerId, name, asset) as AccountRow;
}

export function platformAccount(store: Store, purpose: PlatformPurpose, asset: string): AccountRow {
  return ensureAccount(store, null, purpose, asset);
}

/** Accounts postingAccount remembers at most (a bulk run over many customers starts over). */
const REMEMBERED_ACCOUNTS = 10_000;

/**
 * The account to post to, for a writer that uses nothing of it but its identity (seq,
 * owner, name, asset; postings read the stored balance when they apply): remembered per
 * process, so a run of adjustments does not look up the same two accounts per request.
 * Its balances are those of when it was first read: never show or compare them. Accounts
 * are never deleted, and the memo is dropped whenever a write rolls back, so a remembered
 * account always exists. Call inside a write transaction.
 */
export function postingAccount(store: Store, customerId: string | null, name: string, asset: string): AccountRow {
  const known = store.memo('posting accounts', () => new Map<string, AccountRow>());
  const key = `${customerId ?? ''} ${name} ${asset}`;
  let account = known.get(key);
  if (!account) {
    account = ensureAccount(store, customerId, name, asset);
    if (known.size >= REMEMBERED_ACCOUNTS) known.clear();
    known.set(key, account);
  }
  return account;
}

export function accountBySeq(store: Store, seq: number): AccountRow {
  return store.stmt(BY_SEQ).get(seq) as AccountRow;
}

/** A customer's accounts in creation order. */
export function customerAccounts(store: Store, customerId: string): AccountRow[] {
  // ifnull(…) matches the expression of the accounts_key index; `customer_id = ?` would
  // scan every account (measured: 100,000 accounts made each wallet read ~10 ms).
  return store.stmt(OF_CUSTOMER).all(customerId) as AccountRow[];
}

export function allAccounts(store: Store): AccountRow[] {
  return store.stmt(ALL).all() as AccountRow[];
}
