import { Decimal, decimalText } from '../../money/decimal.js';
import { accountId } from '../ledger/accounts.js';
import { isoText } from '../request/time.js';
import { entriesByReference, type VerifyContext } from './context.js';

/**
 * Grants recomputed from the journal and compared with the stored ones. This replays the
 * rules of docs/ledger.md ("Credit grants") independently of src/engine/ledger/grants.ts — a
 * second implementation, as the proof model is — so an edited grant (its expiry, purpose,
 * amount or what it has left) or an edited source row behind it does not agree.
 */

const RANK: Record<string, number> = { promotion: 0, bundled: 1, paid: 2 };

interface Sim {
  order: number;
  id: string;
  purpose: string;
  amount: Decimal;
  remaining: Decimal;
  source_type: string;
  source_id: string;
  entry_id: number;
  effective_at: string;
  expires_at: string | null;
  expired: boolean;
  /** What the expiry moved to breakage (undefined: not expired by the replay). */
  broke: Decimal | undefined;
}

interface StoredGrant {
  id: string;
  account_seq: number;
  purpose: string;
  amount: string;
  remaining: string;
  source_type: string;
  source_id: string;
  entry_id: number;
  effective_at: string;
  expires_at: string | null;
  expired_at: string | null;
  expiry_entry_id: number | null;
}

interface PostingRow {
  account_seq: number;
  id: number;
  amount: string;
  entry_id: number;
  kind: string;
  reference: string;
  created_at: string;
}

function addYear(iso: string): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return isoText(d);
}

function drawOrder(a: Sim, b: Sim): number {
  const rank = (RANK[a.purpose] ?? 9) - (RANK[b.purpose] ?? 9);
  if (rank !== 0) return rank;
  const ea = a.expires_at ?? '~';
  const eb = b.expires_at ?? '~';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.order - b.order;
}

class Replay {
  readonly grants: Sim[] = [];
  debt = new Decimal(0);
  /** The date of the last posting replayed: every grant due by then must have expired. */
  lastAt = '';

  constructor(
    private readonly ctx: VerifyContext,
    private readonly seq: number,
  ) {}

  private source(p: PostingRow): { purpose: string; expiresAt: string | null; type: string } {
    const db = this.ctx.store;
    if (p.kind === 'adjustment') {
      const adj = db.stmt('SELECT reason, expires_at FROM adjustments WHERE id = ?').get(p.reference) as { reason: string; expires_at: string | null } | undefined;
      const purpose = adj && (adj.reason === 'gift' || adj.reason === 'promotion') ? 'promotion' : 'paid';
      return { purpose, expiresAt: adj?.expires_at ?? null, type: 'adjustment' };
    }
    if (p.kind === 'top_up_completed') {
      const top = db.stmt('SELECT credit_expires_at FROM top_ups WHERE id = ?').get(p.reference) as { credit_expires_at: string | null } | undefined;
      return { purpose: 'paid', expiresAt: top?.credit_expires_at ?? addYear(p.created_at), type: 'top_up' };
    }
    if (p.kind === 'subscription_grant') {
    // An entitlement: its purpose and expiry are the grant's terms (subscriptions/billing.ts).
    const sub = db.stmt('SELECT purpose, expires_at FROM subscription_grants WHERE id = ?').get(p.reference) as
      | { purpose: 'bundled' | 'promotion'; expires_at: string | null }
      | undefined;
    return { purpose: sub?.purpose ?? 'bundled', expiresAt: sub?.expires_at ?? null, type: 'subscription' };
  }
  return { purpose: 'paid', expiresAt: null, type: p.kind };
  }

  private expireUpTo(at: string): void {
    for (const g of this.grants) {
      if (!g.expired && g.expires_at !== null && g.expires_at <= at) {
        g.expired = true;
        g.broke = g.remaining;
      }
    }
  }

  apply(p: PostingRow): void {
    this.expireUpTo(p.created_at);
    this.lastAt = p.created_at;
    const amount = new Decimal(p.amount);
    if (amount.gt(0)) {
      const repaid = Decimal.min(this.debt, amount);
      this.debt = this.debt.sub(repaid);
      const src = this.source(p);
      this.grants.push({
        order: this.grants.length,
        id: `grant_${p.entry_id}_${this.seq}`,
        purpose: src.purpose,
        amount,
        remaining: amount.sub(repaid),
        source_type: src.type,
        source_id: p.reference,
        entry_id: p.entry_id,
        effective_at: p.created_at,
        expires_at: src.expiresAt,
        expired: false,
        broke: undefined,
      });
      return;
    }
    let owed = amount.neg();
    for (const g of this.grants.filter((x) => !x.expired && !x.remaining.isZero()).sort(drawOrder)) {
      if (owed.isZero()) break;
      const take = Decimal.min(owed, g.remaining);
      g.remaining = g.remaining.sub(take);
      owed = owed.sub(take);
    }
    this.debt = this.debt.add(owed);
  }
}

/** Customer `available` postings up to each account's grant cursor, by account then id. */
function* postingsByAccount(ctx: VerifyContext): Generator<PostingRow> {
  yield* ctx.store.db
    .prepare(
      `SELECT p.account_seq, p.id, p.amount, p.entry_id, e.kind, e.reference, e.created_at
       FROM grant_cursors c JOIN journal_postings p ON p.account_seq = c.account_seq AND p.bucket = 'available' AND p.id <= c.through_posting
       JOIN journal_entries e ON e.id = p.entry_id ORDER BY p.account_seq, p.id`,
    )
    .iterate() as IterableIterator<PostingRow>;
}

export function verifyGrants(ctx: VerifyContext): void {
  const now = isoText(ctx.store.clock());
  ctx.count('grants', 0);
  const expiries = entriesByReference(ctx.store, ['grant_expired']);
  const stored = new Map<number, StoredGrant[]>();
  for (const g of ctx.store.db.prepare('SELECT * FROM grants ORDER BY seq').iterate() as IterableIterator<StoredGrant>) {
    ctx.count('grants');
    const list = stored.get(g.account_seq);
    if (list) list.push(g);
    else stored.set(g.account_seq, [g]);
  }
  const cursors = new Map(
    (ctx.store.db.prepare('SELECT account_seq, debt FROM grant_cursors').all() as { account_seq: number; debt: string }[]).map((c) => [c.account_seq, c.debt]),
  );
  const replays = new Map<number, Replay>();
  for (const p of postingsByAccount(ctx)) {
    let replay = replays.get(p.account_seq);
    if (!replay) replays.set(p.account_seq, (replay = new Replay(ctx, p.account_seq)));
    if (p.kind !== 'grant_expired') replay.apply(p);
  }
  for (const seq of new Set([...cursors.keys(), ...stored.keys()])) {
    const account = ctx.accounts.get(seq);
    const name = account ? accountId(account) : `#${seq}`;
    if (account && account.customer_id === null) {
      ctx.fail('grants', 'accounts', seq, `platform account ${name} has grants or a grant cursor`);
      continue;
    }
    const replay = replays.get(seq) ?? new Replay(ctx, seq);
    const debt = cursors.get(seq);
    if (debt !== undefined && !replay.debt.eq(debt)) {
      ctx.fail('grants', 'grant_cursors', seq, `account ${name} records ${debt} overdrawn but the journal gives ${decimalText(replay.debt)}`);
    }
    compareAccount(ctx, seq, replay, stored.get(seq) ?? [], expiries, now);
  }
  for (const [reference, entries] of expiries) {
    for (const e of entries) ctx.fail('grants', 'journal_entries', e.id, `entry ${e.id} (grant_expired) names grant ${reference}, which did not expire through it`);
  }
}

function compareAccount(ctx: VerifyContext, seq: number, replay: Replay, rows: StoredGrant[], expiries: ReturnType<typeof entriesByReference>, now: string): void {
  const sims = new Map(replay.grants.map((g) => [g.id, g]));
  for (const row of rows) {
    const fail = (detail: string) => ctx.fail('grants', 'grants', row.id, detail);
    const sim = sims.get(row.id);
    sims.delete(row.id);
    if (!sim) {
      fail('no credit in the journal opens this grant');
      continue;
    }
    const terms: [string, string | null, string | null][] = [
      ['purpose', row.purpose, sim.purpose],
      ['source_type', row.source_type, sim.source_type],
      ['source_id', row.source_id, sim.source_id],
      ['entry_id', String(row.entry_id), String(sim.entry_id)],
      ['effective_at', row.effective_at, sim.effective_at],
      ['expires_at', row.expires_at, sim.expires_at],
    ];
    for (const [field, have, want] of terms) if (have !== want) fail(`${field} is ${have ?? 'null'} but the journal and its source give ${want ?? 'null'}`);
    if (!sim.amount.eq(row.amount)) fail(`amount is ${row.amount} but its credit was ${decimalText(sim.amount)}`);
    // A grant due after the last posting replayed may or may not have been expired by a read since.
    if (!sim.expired && row.expired_at !== null && sim.expires_at !== null && sim.expires_at <= now) {
      sim.expired = true;
      sim.broke = sim.remaining;
    }
    const expiredAt = sim.expired ? sim.expires_at : null;
    if (row.expired_at !== expiredAt) fail(`expired_at is ${row.expired_at ?? 'null'} but the journal gives ${expiredAt ?? 'null'}`);
    if (!sim.remaining.eq(row.remaining)) fail(`remaining is ${row.remaining} but the journal leaves ${decimalText(sim.remaining)}`);
    const entries = expiries.get(row.id) ?? [];
    expiries.delete(row.id);
    const broke = sim.broke && !sim.broke.isZero() ? sim.broke : undefined;
    if (!broke) {
      if (entries.length > 0 || row.expiry_entry_id !== null) fail(`nothing was left to expire, yet it names expiry entry ${row.expiry_entry_id ?? entries[0]?.id}`);
      continue;
    }
    const entry = entries.length === 1 ? entries[0] : undefined;
    if (!entry || row.expiry_entry_id !== entry.id) {
      fail(`${decimalText(broke)} expired but its expiry entry is ${row.expiry_entry_id ?? 'missing'} (journal: ${entries.map((e) => e.id).join(', ') || 'none'})`);
      continue;
    }
    const account = ctx.accounts.get(row.account_seq);
    const diff = ctx.comparePostings(entry, [
      { account, bucket: 'available', amount: broke.neg() },
      { account: ctx.platformAccount('breakage', account?.asset ?? '?'), bucket: 'available', amount: broke },
    ]);
    if (diff) fail(diff);
  }
  for (const sim of sims.values()) {
    ctx.fail('grants', 'accounts', seq, `the journal opens grant ${sim.id} (${decimalText(sim.amount)}) but there is no such row`);
  }
}
