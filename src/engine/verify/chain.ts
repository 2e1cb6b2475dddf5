import { chainEntries, entryHash, GENESIS, HEAD_KEY, headText } from '../ledger/journal-chain.js';
import type { VerifyContext } from './context.js';

/**
 * The hash chain (src/engine/ledger/journal-chain.ts): every entry's stored hash is the hash of
 * the entry before it and its own content and postings; the stored head is the last
 * entry's. Each link is checked against the stored hash before it, so an edit breaks the
 * link of the entry edited (and only that one): the first broken link is reported, with
 * how many more there are.
 */
export function verifyChain(ctx: VerifyContext): void {
  let prev = GENESIS;
  let last = 0;
  let first: { id: number; detail: string } | undefined;
  let broken = 0;
  for (const { entry, hash, postings } of chainEntries(ctx.store.db)) {
    const want = entryHash(prev, entry, postings);
    if (hash !== want) {
      broken++;
      first ??= {
        id: entry.id,
        detail: hash
          ? `entry ${entry.id} (${entry.kind} ${entry.reference}): its content, its postings or the hash before it changed after it was written (first broken link)`
          : `entry ${entry.id} (${entry.kind} ${entry.reference}) has no hash (first broken link)`,
      };
    }
    prev = hash ?? want;
    last = entry.id;
  }
  if (first) ctx.fail('chain', 'journal_entries', first.id, broken > 1 ? `${first.detail}; ${broken - 1} more broken after it` : first.detail);
  const head = ctx.store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(HEAD_KEY) as string | undefined;
  const want = headText(last, prev);
  if (last > 0 && head !== want) {
    ctx.fail('chain', 'settings', HEAD_KEY, `the stored head is ${head ?? 'missing'} but the journal ends at ${want}: entries were added or removed at the end`);
  }
}
