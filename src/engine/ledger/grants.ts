import { Decimal, decimalText } from '../../money/decimal.js';
import { accountBySeq, accountId, platformAccount } from './accounts.js';
import { postEntry } from './journal.js';
import type { GrantPurpose, GrantView } from './ledger-types.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';

/**
 * Credit grants (§1.8) are a sub-ledger of each customer account, derived from its
 * `available` postings in journal order: a credit opens a grant, a debit draws grants down
 * in the fixed order below, and a grant past its expiry gives its remainder to
 * `platform:breakage:<ASSET>` through a `grant_expired` entry. A debit larger than the
 * grants left is overdraft (`debt`), which the next credits repay before they open.
 * Invariant: available = Σ remaining − debt, and never both Σ remaining > 0 and debt > 0.
 */

/** Draw-down order: promotion, then bundled, then paid. */
const RANK: Record<GrantPurpose, number> = { promotion: 0, bundled: 1, paid: 2 };
const ZERO = new Decimal(0);

export interface GrantRow {
  seq: number;
  id: string;
  account_seq: number;
  purpose: GrantPurpose;
  amount: string;
  remaining: string;
  source_type: string;
  source_id: string;
  entry_id: number;
  effective_at: string;
  expires_at: string | null;
  expired_at: string | null;
}

interface Live {
  row: GrantRow;
  remaining: Decimal;
  dirty: boolean;
}

interface PostingRow {
  id: number;
  amount: string;
  entry_id: number;
  kind: string;
  reference: string;
  created_at: string;
}

/** Earlier in the list is drawn first: purpose rank, earliest expiry (none last), oldest. */
function drawOrder(a: Live, b: Live): number {
  const rank = RANK[a.row.purpose] - RANK[b.row.purpose];
  if (rank !== 0) return rank;
  const ea = a.row.expires_at ?? '~';
  const eb = b.row.expires_at ?? '~';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.row.seq - b.row.seq;
}

function addYear(iso: string): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return isoText(d);
}

/** Purpose, expiry and source of the grant a credit opens. */
function grantSource(store: Store, p: PostingRow): { purpose: GrantPurpose; expiresAt: string | null; type: string } {
  if (p.kind === 'adjustment') {
    const adj = store.stmt('SELECT reason, expires_at FROM adjustments WHERE id = ?').get(p.reference) as
      | { reason: string; expires_at: string | null }
      | undefined;
    const purpose = adj && (adj.reason === 'gift' || adj.reason === 'promotion') ? 'promotion' : 'paid';
    return { purpose, expiresAt: adj?.expires_at ?? null, type: 'adjustment' };
  }
  if (p.kind === 'top_up_completed') {
    const top = store.stmt('SELECT credit_expires_at FROM top_ups WHERE id = ?').get(p.reference) as
      | { credit_expires_at: string | null }
      | undefined;
    return { purpose: 'paid', expiresAt: top?.credit_expires_at ?? addYear(p.created_at), type: 'top_up' };
  }
  if (p.kind === 'subscription_grant') {
    // An entitlement: its purpose and expiry are the grant's terms (subscriptions/billing.ts).
    const sub = store.stmt('SELECT purpose, expires_at FROM subscription_grants WHERE id = ?').get(p.reference) as
      | { purpose: 'bundled' | 'promotion'; expires_at: string | null }
      | undefined;
    return { purpose: sub?.purpose ?? 'bundled', expiresAt: sub?.expires_at ?? null, type: 'subscription' };
  }
  return { purpose: 'paid', expiresAt: null, type: p.kind };
}

function cursorOf(store: Store, seq: number): { through: number; debt: Decimal } {
  const row = store.stmt('SELECT through_posting, debt FROM grant_cursors WHERE account_seq = ?').get(seq) as
    | { through_posting: number; debt: string }
    | undefined;
  return row ? { through: row.through_posting, debt: new Decimal(row.debt) } : { through: 0, debt: ZERO };
}

function newPostings(store: Store, seq: number, through: number): PostingRow[] {
  return store
    .stmt(
      `SELECT p.id, p.amount, p.entry_id, e.kind, e.reference, e.created_at
       FROM journal_postings p JOIN journal_entries e ON e.id = p.entry_id
       WHERE p.account_seq = ? AND p.bucket = 'available' AND p.id > ? ORDER BY p.id`,
    )
    .all(seq, through) as PostingRow[];
}

function lastPosting(store: Store, seq: number): number {
  return (
    (store
      .stmt("SELECT max(id) AS m FROM journal_postings WHERE account_seq = ? AND bucket = 'available'")
      .get(seq) as { m: number | null }).m ?? 0
  );
}

/** True when the account's grants lag its journal or one of them is due to expire: one
 *  query, since every wallet read asks it for every account. */
export function grantsStale(store: Store, seq: number, now: string): boolean {
  return (
    store
      .stmt(
        `SELECT ifnull((SELECT max(id) FROM journal_postings WHERE account_seq = @seq AND bucket = 'available'), 0)
                > ifnull((SELECT through_posting FROM grant_cursors WHERE account_seq = @seq), 0)
             OR EXISTS (SELECT 1 FROM grants WHERE account_seq = @seq AND expired_at IS NULL AND expires_at <= @now)`,
      )
      .pluck()
      .get({ seq, now }) === 1
  );
}

/**
 * Brings one customer account's grants up to date with its journal and the clock. Lazy,
 * and the same as an eager sweep: credits and debits are replayed in journal order and a
 * grant expires before any debit dated at or after its `expires_at`.
 */
export function syncGrants(store: Store, seq: number): boolean {
  const now = isoText(store.clock());
  if (!grantsStale(store, seq, now)) return false;
  return store.write(() => replayGrants(store, seq, now) !== 'none');
}

/**
 * syncGrants for a read that shows balances only (a wallet or an account): true when the
 * replay moved a balance (a grant expired with something left), and the account must be
 * read again. Only then does the reply show anything the replay wrote, so only then must
 * the replay be on disk before the reply (Store.writeAside).
 */
export function syncGrantsForBalances(store: Store, seq: number): boolean {
  const now = isoText(store.clock());
  if (!grantsStale(store, seq, now)) return false;
  return store.writeAside(
    () => replayGrants(store, seq, now) === 'moved',
    (moved) => moved,
  );
}

/** The replay of syncGrants, inside a write: 'moved' when it posted a grant's expiry. */
function replayGrants(store: Store, seq: number, now: string): 'none' | 'replayed' | 'moved' {
  let moved = false;
  const account = accountBySeq(store, seq);
  if (account.customer_id === null) return 'none';
  let { through, debt } = cursorOf(store, seq);
  const rows = store
    .stmt("SELECT * FROM grants WHERE account_seq = ? AND expired_at IS NULL AND remaining <> '0'")
    .all(seq) as GrantRow[];
  const live: Live[] = rows.map((row) => ({ row, remaining: new Decimal(row.remaining), dirty: false }));

  const expireUpTo = (at: string) => {
    const due = live.filter((g) => g.row.expired_at === null && g.row.expires_at !== null && g.row.expires_at <= at);
    due.sort((a, b) => {
      const ea = a.row.expires_at as string;
      const eb = b.row.expires_at as string;
      return ea !== eb ? (ea < eb ? -1 : 1) : a.row.seq - b.row.seq;
    });
    for (const g of due) {
      let entryId: number | null = null;
      if (!g.remaining.isZero()) {
        moved = true;
        entryId = postEntry(store, {
          kind: 'grant_expired',
          reference: g.row.id,
          postings: [
            { account, bucket: 'available', amount: g.remaining.neg() },
            { account: platformAccount(store, 'breakage', account.asset), bucket: 'available', amount: g.remaining },
          ],
        });
      }
      g.row.expired_at = g.row.expires_at;
      store
        .stmt('UPDATE grants SET remaining = ?, expired_at = ?, expiry_entry_id = ? WHERE seq = ?')
        .run(decimalText(g.remaining), g.row.expired_at, entryId, g.row.seq);
      g.dirty = false;
    }
  };

  for (const p of newPostings(store, seq, through)) {
    through = p.id;
    if (p.kind === 'grant_expired') continue;
    expireUpTo(p.created_at);
    const amount = new Decimal(p.amount);
    if (amount.gt(0)) {
      const repaid = Decimal.min(debt, amount);
      debt = debt.sub(repaid);
      const src = grantSource(store, p);
      const id = `grant_${p.entry_id}_${seq}`;
      const remaining = amount.sub(repaid);
      store
        .stmt(
          `INSERT INTO grants (id, account_seq, purpose, amount, remaining, source_type, source_id, entry_id,
             effective_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, seq, src.purpose, decimalText(amount), decimalText(remaining), src.type, p.reference, p.entry_id, p.created_at, src.expiresAt);
      const row = store.stmt('SELECT * FROM grants WHERE id = ?').get(id) as GrantRow;
      if (!remaining.isZero()) live.push({ row, remaining, dirty: false });
    } else {
      let owed = amount.neg();
      const open = live.filter((g) => g.row.expired_at === null && !g.remaining.isZero()).sort(drawOrder);
      for (const g of open) {
        if (owed.isZero()) break;
        const take = Decimal.min(owed, g.remaining);
        g.remaining = g.remaining.sub(take);
        g.dirty = true;
        owed = owed.sub(take);
      }
      debt = debt.add(owed);
    }
  }
  expireUpTo(now);
  // Used-up grants expire too, with nothing to move: the list then reads as a sweep would.
  store
    .stmt("UPDATE grants SET expired_at = expires_at WHERE account_seq = ? AND expired_at IS NULL AND remaining = '0' AND expires_at <= ?")
    .run(seq, now);
  for (const g of live) {
    if (g.dirty) store.stmt('UPDATE grants SET remaining = ? WHERE seq = ?').run(decimalText(g.remaining), g.row.seq);
  }
  store
    .stmt('INSERT OR REPLACE INTO grant_cursors (account_seq, through_posting, debt) VALUES (?, ?, ?)')
    .run(seq, lastPosting(store, seq), decimalText(debt));
  return moved ? 'moved' : 'replayed';
}

/** A stored grant as the API shows it. */
export function grantView(row: GrantRow & { name: string; asset: string; customer_id: string }): GrantView {
  // The row keeps what was left at expiry (verify and the breakage entry read it); the
  // view says it the way a reader adds it up: nothing remains, and this much expired.
  const left = new Decimal(row.remaining);
  const expired = row.expired_at !== null;
  return {
    id: row.id,
    account_id: accountId(row),
    asset: row.asset,
    purpose: row.purpose,
    amount: new Decimal(row.amount),
    remaining: expired ? ZERO : left,
    expired_amount: expired ? left : ZERO,
    effective_at: row.effective_at,
    expires_at: row.expires_at,
    expired_at: row.expired_at,
    source: { type: row.source_type, id: row.source_id },
  };
}
