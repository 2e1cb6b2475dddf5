import { newId } from '../request/ids.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import { topicMatches, type WebhookTopic } from './topics.js';

/** An event of a connected account's outbox, as the platform copies it. */
export interface OutboxEvent {
  sequence: number;
  id: string;
  type: WebhookTopic;
  created: string;
  data: string;
}

/** The platform's live `connect: true` destinations: their topic filters. */
export function connectTopics(store: Store): string[][] {
  const rows = store.stmt('SELECT topics FROM webhook_destinations WHERE connect = 1 AND deleted_at IS NULL').pluck().all() as string[];
  return rows.map((topics) => JSON.parse(topics) as string[]);
}

/** A connected account's events after `after` up to `upTo`, oldest first, at most `limit`. */
export function eventsAfter(store: Store, after: number, upTo: number, limit: number): OutboxEvent[] {
  return store
    .stmt('SELECT sequence, id, type, created, data FROM webhook_events WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT ?')
    .all(after, upTo, limit) as OutboxEvent[];
}

/** How far the account's events were copied (0: none yet). */
export function relayedUpTo(store: Store, accountId: string): number {
  return (store.stmt('SELECT last_sequence FROM connect_relays WHERE account_id = ?').pluck().get(accountId) as number | undefined) ?? 0;
}

/**
 * Copies a connected account's events into the platform's outbox, one pending delivery per
 * `connect: true` destination that wants each, in one transaction with the mark of how far
 * it got: a copy is made once (the event keeps its `evt_` id; a repeat is ignored), and the
 * platform's worker then delivers it with its retries, naming the account in the body.
 */
export function relayEvents(store: Store, accountId: string, events: readonly OutboxEvent[]): number {
  if (events.length === 0) return 0;
  return store.write(() => {
    const destinations = (
      store.stmt('SELECT seq, topics FROM webhook_destinations WHERE connect = 1 AND deleted_at IS NULL ORDER BY seq').all() as {
        seq: number;
        topics: string;
      }[]
    ).map((d) => ({ seq: d.seq, topics: JSON.parse(d.topics) as string[] }));
    const now = store.clock();
    const created = isoText(now);
    let copied = 0;
    for (const event of events) {
      const wanting = destinations.filter((d) => topicMatches(d.topics, event.type));
      if (wanting.length === 0) continue;
      const inserted = store
        .stmt('INSERT OR IGNORE INTO webhook_events (id, type, created, data, account_id) VALUES (?, ?, ?, ?, ?)')
        .run(event.id, event.type, event.created, event.data, accountId);
      if (inserted.changes === 0) continue;
      const deliver = store.stmt(
        `INSERT INTO webhook_deliveries (id, event_sequence, destination_seq, status, attempts, next_attempt_at, retry_from, created_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      );
      for (const d of wanting) deliver.run(newId('dlv', now), inserted.lastInsertRowid, d.seq, created, created, created);
      copied++;
    }
    const last = events[events.length - 1]!.sequence;
    store
      .stmt('INSERT INTO connect_relays (account_id, last_sequence) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET last_sequence = excluded.last_sequence')
      .run(accountId, last);
    return copied;
  });
}
