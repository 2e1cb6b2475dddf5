import { Fields } from '../request/fields.js';
import { notFound } from '../request/errors.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import { destinationSeq } from './destinations.js';
import type { DueDelivery, WebhookAttemptView, WebhookDeliveryStatus, WebhookDeliveryView } from './webhook-types.js';

const STATUSES: readonly WebhookDeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** A delivery as SELECT reads it: its view's columns, and the row's own sequence. */
type DeliveryRow = Omit<WebhookDeliveryView, 'last_attempt'> & { seq: number };

const SELECT = `SELECT d.seq, d.id, w.id AS webhook_id, e.id AS event_id, e.type AS event_type, d.status, d.attempts,
  d.next_attempt_at, d.created_at, d.delivered_at
  FROM webhook_deliveries d JOIN webhook_destinations w ON w.seq = d.destination_seq
  JOIN webhook_events e ON e.sequence = d.event_sequence`;

function lastAttempt(store: Store, seq: number): WebhookAttemptView | null {
  const row = store
    .stmt('SELECT attempted_at, status_code, duration_ms, error FROM webhook_attempts WHERE delivery_seq = ? ORDER BY seq DESC LIMIT 1')
    .get(seq) as WebhookAttemptView | undefined;
  return row ?? null;
}

function view(store: Store, row: DeliveryRow): WebhookDeliveryView {
  const { seq, ...rest } = row;
  return { ...rest, last_attempt: lastAttempt(store, seq) };
}

/** `GET /webhooks/{id}/deliveries` (local extension): newest first, `?status=` to filter. */
export function listDeliveries(store: Store, webhookId: string, query?: Query): PageView<WebhookDeliveryView> {
  const page = readPage(query);
  const fields = Fields.of(query ?? {});
  const status = fields.choice('status', STATUSES, false);
  fields.done();
  const seq = destinationSeq(store, webhookId);
  const filter = status === undefined ? '' : ' AND d.status = ?';
  const args: unknown[] = status === undefined ? [seq] : [seq, status];
  const total = store.stmt(`SELECT count(*) FROM webhook_deliveries d WHERE d.destination_seq = ?${filter}`).pluck().get(...args) as number;
  const rows = store
    .stmt(`${SELECT} WHERE d.destination_seq = ?${filter} ORDER BY d.seq DESC LIMIT ? OFFSET ?`)
    .all(...args, page.limit, page.offset) as DeliveryRow[];
  return pageOf(rows.map((row) => view(store, row)), total, page);
}

function findDelivery(store: Store, id: string): DeliveryRow {
  const row = store.stmt(`${SELECT} WHERE d.id = ? AND w.deleted_at IS NULL`).get(id) as DeliveryRow | undefined;
  if (!row) throw notFound('webhook delivery', id);
  return row;
}

/**
 * `POST /webhooks/deliveries/{id}/resend` (local extension): the delivery is due at once
 * again, whatever its state, with a fresh retry window; the event (and its id) is the same.
 */
export function resendDelivery(store: Store, id: string): WebhookDeliveryView {
  return store.write(() => {
    const row = findDelivery(store, id);
    const now = isoText(store.clock());
    store
      .stmt("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, retry_from = ?, delivered_at = NULL WHERE seq = ?")
      .run(now, now, row.seq);
    return view(store, { ...row, status: 'pending', next_attempt_at: now, delivered_at: null });
  });
}

type DueRow = Omit<DueDelivery, 'body' | 'destination_id' | 'url' | 'secret'> & {
  event_id: string;
  type: string;
  created: string;
  data: string;
  account_id: string | null;
};

/**
 * Pending deliveries due by `now`, at most `perDestination` of each live destination, the
 * longest-waiting first, of events up to `upToSequence`: read destination by destination (an index per destination), so a
 * backlog to one receiver never hides another's due deliveries, and a deleted
 * destination's pending rows are never read.
 */
export function dueDeliveries(store: Store, now: Date, perDestination: number, upToSequence = Number.MAX_SAFE_INTEGER): DueDelivery[] {
  const destinations = store
    .stmt('SELECT seq, id, url, secret FROM webhook_destinations WHERE deleted_at IS NULL ORDER BY seq')
    .all() as { seq: number; id: string; url: string; secret: string }[];
  const due = store.stmt(
    `SELECT d.seq, d.id, d.attempts, d.retry_from, e.id AS event_id, e.type, e.created, e.data, e.account_id
     FROM webhook_deliveries d JOIN webhook_events e ON e.sequence = d.event_sequence
     WHERE d.destination_seq = ? AND d.status = 'pending' AND d.next_attempt_at <= ? AND d.event_sequence <= ?
     ORDER BY d.next_attempt_at, d.seq LIMIT ?`,
  );
  const at = isoText(now);
  return destinations.flatMap((w) =>
    (due.all(w.seq, at, upToSequence, perDestination) as DueRow[]).map(({ event_id, type, created, data, account_id, ...rest }) => ({
      ...rest,
      destination_id: w.id,
      url: w.url,
      secret: w.secret,
      // Written by hand so `data` goes out exactly as it was stored.
      // `account` (local extension): a connected account's event, relayed to a connect destination.
      body:
        `{"id":${JSON.stringify(event_id)},"type":${JSON.stringify(type)},"created":${JSON.stringify(created)},"live_mode":false,` +
        `${account_id === null ? '' : `"account":${JSON.stringify(account_id)},`}"data":${data}}`,
    })),
  );
}

/** One attempt's outcome, as the worker saw it. */
export interface AttemptOutcome {
  attemptedAt: Date;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** 2xx: delivered. */
  delivered: boolean;
  /** When to try again; null when the delivery gives up (failed). Ignored when delivered. */
  nextAttemptAt: Date | null;
}

/** Records an attempt and moves the delivery on: delivered, due again, or failed. */
export function recordAttempt(store: Store, deliverySeq: number, outcome: AttemptOutcome): void {
  store.write(() => {
    const at = isoText(outcome.attemptedAt);
    store
      .stmt('INSERT INTO webhook_attempts (delivery_seq, attempted_at, status_code, duration_ms, error) VALUES (?, ?, ?, ?, ?)')
      .run(deliverySeq, at, outcome.statusCode, Math.round(outcome.durationMs), outcome.error);
    const [status, next, deliveredAt] = outcome.delivered
      ? ['delivered', null, at]
      : outcome.nextAttemptAt === null
        ? ['failed', null, null]
        : ['pending', isoText(outcome.nextAttemptAt), null];
    store
      .stmt('UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, delivered_at = ? WHERE seq = ?')
      .run(status, next, deliveredAt, deliverySeq);
  });
}
