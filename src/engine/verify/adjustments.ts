import { Decimal } from '../../money/decimal.js';
import type { Bucket } from '../ledger/accounts.js';
import { REASONS, requestHash } from '../movements/adjustments.js';
import type { AdjustmentReason } from '../types.js';
import type { StoredEntry, VerifyContext } from './context.js';

interface Row {
  seq: number;
  id: string;
  customer_id: string;
  account_seq: number;
  amount: string;
  reason: string;
  description: string | null;
  expires_at: string | null;
  metadata: string;
  request_hash: string;
  entry_id: number;
  kind: string | null;
  reference: string | null;
  rounding: string | null;
  e_created_at: string | null;
  p_account: number | null;
  bucket: Bucket | null;
  p_amount: string | null;
}

/** Streams each adjustment with its entry and that entry's postings: one query, in seq order. */
function* adjustmentsWithEntries(ctx: VerifyContext): Generator<{ row: Row; entry: StoredEntry | undefined }> {
  const rows = ctx.store.db
    .prepare(
      `SELECT j.seq, j.id, j.customer_id, j.account_seq, j.amount, j.reason, j.description, j.expires_at, j.metadata,
              j.request_hash, j.entry_id, e.kind, e.reference, e.rounding, e.created_at AS e_created_at,
              p.account_seq AS p_account, p.bucket, p.amount AS p_amount
       FROM adjustments j LEFT JOIN journal_entries e ON e.id = j.entry_id
       LEFT JOIN journal_postings p ON p.entry_id = e.id ORDER BY j.seq, p.id`,
    )
    .iterate() as IterableIterator<Row>;
  let current: { row: Row; entry: StoredEntry | undefined } | undefined;
  for (const row of rows) {
    if (current?.row.seq !== row.seq) {
      if (current) yield current;
      const entry =
        row.kind === null
          ? undefined
          : { id: row.entry_id, kind: row.kind, reference: row.reference as string, rounding: row.rounding, created_at: row.e_created_at as string, postings: [] };
      current = { row, entry };
    }
    if (current.entry && row.p_account !== null) {
      current.entry.postings.push({ account_seq: row.p_account, bucket: row.bucket as Bucket, amount: row.p_amount as string });
    }
  }
  if (current) yield current;
}

/** The request hash the row's own fields give: a field edited after the fact changes it. */
function rehash(ctx: VerifyContext, row: Row): string | undefined {
  const account = ctx.accounts.get(row.account_seq);
  if (!account) return undefined;
  try {
    return requestHash({
      customerId: row.customer_id,
      transactionId: row.id,
      asset: account.asset,
      amount: new Decimal(row.amount),
      reason: row.reason as AdjustmentReason,
      accountName: account.name,
      description: row.description,
      expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
      metadata: JSON.parse(row.metadata) as Record<string, string>,
    });
  } catch {
    return undefined;
  }
}

/**
 * Every adjustment against the entry it produced (docs/ledger.md, "What verify checks"):
 * the entry is an `adjustment` entry naming it; its postings are exactly +amount on the
 * row's account and −amount on the platform account of its reason; the account belongs
 * to the row's customer; the stored request hash is the hash of the row's own fields
 * (description, expiry, metadata, and gift vs promotion, which share a platform account);
 * and no `adjustment` entry is without its row.
 */
export function verifyAdjustments(ctx: VerifyContext): void {
  ctx.count('adjustments', 0);
  for (const { row, entry } of adjustmentsWithEntries(ctx)) {
    ctx.count('adjustments');
    const fail = (detail: string) => ctx.fail('adjustments', 'adjustments', row.id, detail);
    const account = ctx.ownedAccount(row, 'adjustment', 'credits it');
    const rule = (REASONS as Record<string, { counter: string } | undefined>)[row.reason];
    if (!rule) fail(`reason ${row.reason} is not a reason an adjustment can have`);
    if (!entry) {
      fail(`its journal entry ${row.entry_id} does not exist`);
      continue;
    }
    if (entry.kind !== 'adjustment' || entry.reference !== row.id) {
      fail(`its entry ${entry.id} is a ${entry.kind} entry for ${entry.reference}`);
    }
    const amount = new Decimal(row.amount);
    const asset = account?.asset ?? '?';
    const counter = rule ? ctx.platformAccount(rule.counter, asset) : undefined;
    const diff = ctx.comparePostings(entry, [
      { account, bucket: 'available', amount },
      { account: counter, bucket: 'available', amount: amount.neg() },
    ]);
    if (diff) fail(diff);
    if (rehash(ctx, row) !== row.request_hash) fail('its fields do not hash to its stored request hash: the row was edited');
  }
  const orphans = ctx.store.db
    .prepare(
      `SELECT e.id, e.reference FROM journal_entries e WHERE e.kind = 'adjustment'
       AND NOT EXISTS (SELECT 1 FROM adjustments j WHERE j.id = e.reference AND j.entry_id = e.id)`,
    )
    .iterate() as IterableIterator<{ id: number; reference: string }>;
  for (const e of orphans) {
    ctx.fail('adjustments', 'journal_entries', e.id, `entry ${e.id} (adjustment) names adjustment ${e.reference}, which has no row pointing at it`);
  }
}
