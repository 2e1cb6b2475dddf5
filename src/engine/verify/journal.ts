import { ENTRY_KINDS } from '../ledger/journal.js';
import type { VerifyContext } from './context.js';

/** An entry of a kind no writer makes (ENTRY_KINDS) is checked by nothing else: name it. */
export function verifyJournalKinds(ctx: VerifyContext): void {
  const rows = ctx.store.db
    .prepare(`SELECT id, kind FROM journal_entries WHERE kind NOT IN (${ENTRY_KINDS.map(() => '?').join(', ')})`)
    .iterate(...ENTRY_KINDS) as IterableIterator<{ id: number; kind: string }>;
  for (const e of rows) ctx.fail('journal', 'journal_entries', e.id, `entry ${e.id} has kind ${e.kind}, which nothing writes`);
}
