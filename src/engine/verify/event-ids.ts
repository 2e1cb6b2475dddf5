import { eventIdKeySql } from '../fees/event-id-key.js';
import type { VerifyContext } from './context.js';

/**
 * Every event's `id_key` is the key of its own id (schema 29, fees/event-id-key.ts).
 * Lookups probe the key index and then compare the full id, so an event whose key was
 * edited is never found again: a repeat of it is accepted and billed twice, and
 * `events get` answers 404. SQLite's integrity check cannot see this (the index agrees
 * with the column), so the key is recomputed in SQL, one pass over the table.
 */
export function verifyEventIds(ctx: VerifyContext): void {
  const rows = ctx.store.db
    .prepare(`SELECT id FROM events WHERE id_key IS NOT ${eventIdKeySql('id')}`)
    .pluck()
    .iterate() as IterableIterator<string>;
  for (const id of rows) ctx.fail('event_ids', 'events', id, `event ${id}: its id_key is not the key of its id, so no lookup by id finds it`);
}
