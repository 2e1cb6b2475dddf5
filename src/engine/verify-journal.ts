import type { VerifyContext } from './verify-context.js';

/** Every kind an entry can have (EntryKind): each is checked against its rows by a verify module. */
const KINDS = [
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
  'api_key_created',
  'api_key_revoked',
];

/** An entry of a kind no writer makes is checked by nothing else: name it. */
export function verifyJournalKinds(ctx: VerifyContext): void {
  const rows = ctx.store.db
    .prepare(`SELECT id, kind FROM journal_entries WHERE kind NOT IN (${KINDS.map(() => '?').join(', ')})`)
    .iterate(...KINDS) as IterableIterator<{ id: number; kind: string }>;
  for (const e of rows) ctx.fail('journal', 'journal_entries', e.id, `entry ${e.id} has kind ${e.kind}, which nothing writes`);
}
