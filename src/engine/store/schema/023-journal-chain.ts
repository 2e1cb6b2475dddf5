import type { Db } from '../db.js';
import { backfillChain } from '../../ledger/journal-chain.js';

/**
 * Version 23: a hash chain over journal entries (src/engine/ledger/journal-chain.ts),
 * so an edit made with the append-only triggers dropped is still found by verify. Existing
 * entries are hashed in order by `backfillJournalChain`, which also writes the head row;
 * a trigger then updates it with every insert (an UPDATE in place: cheaper than a REPLACE).
 */
export const journalChainSchema = `
ALTER TABLE journal_entries ADD COLUMN hash TEXT;
DROP TRIGGER journal_entries_no_update;
`;

export function backfillJournalChain(db: Db): void {
  backfillChain(db);
  db.exec(`
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal is append-only: journal_entries cannot be updated'); END;
CREATE TRIGGER journal_entries_head AFTER INSERT ON journal_entries
BEGIN UPDATE settings SET value = NEW.id || ' ' || ifnull(NEW.hash, '') WHERE key = 'journal_head'; END;
`);
}
