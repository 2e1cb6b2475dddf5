import { stringifyJson } from '../../json/write.js';
import { newId } from '../request/ids.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import { topicMatches, type WebhookTopic } from './topics.js';

interface LiveDestination {
  seq: number;
  topics: string[];
}

const MEMO = 'webhook destinations';

/**
 * The live destinations, kept across writes: read again when another connection has
 * committed (`PRAGMA data_version`, looked at once per write transaction) or this one
 * made or deleted a destination (forgetDestinations). With no destination, recording an
 * event costs nothing more than this lookup.
 */
function liveDestinations(store: Store): LiveDestination[] {
  const memo = store.memo(MEMO, () => ({ dataVersion: Number.NaN, list: undefined as LiveDestination[] | undefined }));
  store.transactionMemo('webhook destinations checked', () => {
    const { data_version: version } = store.stmt('PRAGMA data_version').get() as { data_version: number };
    if (version !== memo.dataVersion) memo.list = undefined;
    memo.dataVersion = version;
    return true;
  });
  memo.list ??= (
    store.stmt('SELECT seq, topics FROM webhook_destinations WHERE deleted_at IS NULL ORDER BY seq').all() as { seq: number; topics: string }[]
  ).map((row) => ({ seq: row.seq, topics: JSON.parse(row.topics) as string[] }));
  return memo.list;
}

/** Call after making or deleting a destination on this connection. */
export function forgetDestinations(store: Store): void {
  store.forget(MEMO);
}

/**
 * The transactional outbox: records an event of `topic` and one pending delivery per live
 * destination whose topics match, inside the caller's write transaction, so a committed
 * change always has its event and a rolled-back one never does. `data` is written as
 * exact JSON (amounts as exact numbers, as the API answers them). An event no destination
 * wants (nor, in a connected account's database, the platform's connect destinations) is
 * not recorded. Returns the event id, if recorded.
 */
export function recordWebhookEvent(store: Store, topic: WebhookTopic, data: object): string | undefined {
  if (!store.db.inTransaction) throw new Error('webhook events are recorded inside the write that causes them');
  const matching = liveDestinations(store).filter((d) => topicMatches(d.topics, topic));
  // Kept without a delivery here when only the platform's connect destinations want it.
  const relayed = store.connectTopics?.().some((topics) => topicMatches(topics, topic)) === true;
  if (matching.length === 0 && !relayed) return undefined;
  const now = store.clock();
  const created = isoText(now);
  const id = newId('evt', now);
  const sequence = store
    .stmt('INSERT INTO webhook_events (id, type, created, data) VALUES (?, ?, ?, ?)')
    .run(id, topic, created, stringifyJson(data)).lastInsertRowid;
  const deliver = store.stmt(
    `INSERT INTO webhook_deliveries (id, event_sequence, destination_seq, status, attempts, next_attempt_at, retry_from, created_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
  );
  for (const destination of matching) deliver.run(newId('dlv', now), sequence, destination.seq, created, created, created);
  return id;
}
