import { Decimal } from '../../money/decimal.js';
import { accountBySeq, accountId, customerAccounts, findAccount, parseAccountId } from '../ledger/accounts.js';
import { findAsset } from '../assets/asset-registry.js';
import { requireCustomer } from '../customers/customers.js';
import { invalid, notFound } from '../request/errors.js';
import { syncGrants } from '../ledger/grants.js';
import type { TransactionView } from '../ledger/ledger-types.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText, parseTimestamp } from '../request/time.js';
import { expireDueTopUps } from '../movements/top-up-expiry.js';
import { MONEY_ENTRY_KINDS } from '../ledger/journal.js';
import type { PageView } from '../types.js';

const TYPES: readonly string[] = MONEY_ENTRY_KINDS;

function text(query: Query, key: string): string | undefined {
  const v = query[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw invalid(key, `${key} is given twice`);
  return v;
}

function instant(query: Query, key: string): string | undefined {
  const v = text(query, key);
  if (v === undefined) return undefined;
  const d = parseTimestamp(v);
  if (!d) throw invalid(key, `${key} ${show(v)} is not an ISO-8601 date-time with a zone`);
  return isoText(d);
}

interface Line {
  entry_id: number;
  account_seq: number;
  kind: string;
  reference: string;
  created_at: string;
}

/**
 * When an entry happened: its `created_at`, except that a grant expiry, written lazily when
 * the wallet is next read, happened at the grant's `expires_at` (grants.expired_at).
 */
const DATED = `CASE WHEN e.kind = 'grant_expired'
  THEN coalesce((SELECT g.expired_at FROM grants g WHERE g.expiry_entry_id = e.id), e.created_at)
  ELSE e.created_at END`;

/**
 * `GET /customers/{id}/wallet/transactions`: the customer's journal, newest first, one line
 * per entry and account, with the signed change of each bucket and `available` after it.
 * Filters: `account` (name:ASSET), `type` (entry kind), `from` (inclusive), `to` (exclusive).
 */
export function listTransactions(store: Store, customerId: string, query: Query = {}): PageView<TransactionView> {
  requireCustomer(store, customerId);
  const page = readPage(query);
  const where = ['a.customer_id = ?'];
  const args: unknown[] = [customerId];
  const accountText = text(query, 'account');
  if (accountText !== undefined) {
    const parsed = parseAccountId(accountText);
    const asset = parsed && findAsset(store, parsed.asset);
    const account = parsed && asset && findAccount(store, customerId, parsed.name, asset.code);
    if (!account) throw notFound('account', `${accountText} of customer ${customerId}`);
    where.push('p.account_seq = ?');
    args.push(account.seq);
  }
  const type = text(query, 'type');
  if (type !== undefined) {
    if (!TYPES.includes(type)) throw invalid('type', `type ${show(type)} is not one of ${TYPES.join(', ')}`);
    where.push('e.kind = ?');
    args.push(type);
  }
  const from = instant(query, 'from');
  if (from !== undefined) {
    where.push(`${DATED} >= ?`);
    args.push(from);
  }
  const to = instant(query, 'to');
  if (to !== undefined) {
    where.push(`${DATED} < ?`);
    args.push(to);
  }
  expireDueTopUps(store, customerId);
  for (const a of customerAccounts(store, customerId)) syncGrants(store, a.seq);

  const base = `FROM journal_postings p JOIN accounts a ON a.seq = p.account_seq JOIN journal_entries e ON e.id = p.entry_id
    WHERE ${where.join(' AND ')}`;
  const total = (
    store.stmt(`SELECT count(*) AS n FROM (SELECT DISTINCT p.entry_id, p.account_seq ${base})`).get(...args) as { n: number }
  ).n;
  const lines = store
    .stmt(
      `SELECT DISTINCT p.entry_id, p.account_seq, e.kind, e.reference, ${DATED} AS created_at ${base}
       ORDER BY p.entry_id DESC, p.account_seq LIMIT ? OFFSET ?`,
    )
    .all(...args, page.limit, page.offset) as Line[];
  return pageOf(lines.map(lineView(store)), total, page);
}

/** Builds lines, walking each account's `available` back from its current balance. */
function lineView(store: Store): (line: Line) => TransactionView {
  const walks = new Map<number, { balance: Decimal; through: number }>();
  return (line) => {
    const account = accountBySeq(store, line.account_seq);
    const sums = { available: new Decimal(0), pending_in: new Decimal(0), pending_out: new Decimal(0) };
    const own = store
      .stmt('SELECT bucket, amount FROM journal_postings WHERE entry_id = ? AND account_seq = ?')
      .all(line.entry_id, line.account_seq) as { bucket: keyof typeof sums; amount: string }[];
    for (const p of own) sums[p.bucket] = sums[p.bucket].add(p.amount);
    let walk = walks.get(line.account_seq);
    if (!walk) {
      walk = { balance: new Decimal(account.available), through: Number.MAX_SAFE_INTEGER };
      walks.set(line.account_seq, walk);
    }
    // available after this entry = current − every later available posting of the account.
    const later = store
      .stmt(
        `SELECT amount FROM journal_postings WHERE account_seq = ? AND bucket = 'available' AND entry_id > ? AND entry_id <= ?`,
      )
      .all(line.account_seq, line.entry_id, walk.through) as { amount: string }[];
    for (const p of later) walk.balance = walk.balance.sub(p.amount);
    walk.through = line.entry_id;
    return {
      id: `txn_${line.entry_id}_${line.account_seq}`,
      entry_id: line.entry_id,
      type: line.kind,
      account_id: accountId(account),
      asset: account.asset,
      amount: sums.available,
      pending_in: sums.pending_in,
      pending_out: sums.pending_out,
      balance: walk.balance,
      reference: line.reference,
      created_at: line.created_at,
    };
  };
}
