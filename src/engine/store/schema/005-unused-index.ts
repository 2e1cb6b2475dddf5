/**
 * Version 5: drops `journal_entries_by_reference`. No query looks entries up by their
 * reference (an adjustment, top-up or event names its entry by `entry_id`), and the
 * reference is a random UUID: every entry written put a key in a random page of that
 * index, one more page per adjustment to write at each commit (measured: CPU per
 * adjustment −7 to −14 %, system CPU −20 %, bench/adjust-engine.mjs).
 */
export const unusedIndexSchema = `
DROP INDEX IF EXISTS journal_entries_by_reference;
`;
