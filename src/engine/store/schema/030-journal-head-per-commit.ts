/**
 * Version 30: the journal head (`settings.journal_head`, the last entry's id and hash) is
 * written by the engine once per write transaction that added entries, as its last step
 * (Store.beforeCommit, ledger/journal.ts), instead of by a trigger once per entry: a commit
 * group of many adjustments, or an event batch of many fee entries, updated the same row
 * once per entry. The head still commits with the entries it names, and `local verify`
 * still reports a head that differs from the journal's end (entries added or removed at
 * the end without the engine). A later migration that adds entries writes the head itself,
 * as 24 does.
 */
export const journalHeadPerCommitSchema = `
DROP TRIGGER IF EXISTS journal_entries_head;
`;
