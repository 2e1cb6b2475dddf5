/**
 * Version 25: webhooks (docs/webhooks.md). Destinations (`whd_`) with their signing secret
 * and topic filter; the outbox of events (`evt_`), each written in the transaction of the
 * change that caused it; one delivery per matching destination, with its state, next
 * attempt and `retry_from` (when its current retry window began: created, or resent);
 * and every attempt made. An event's `data` is JSON text, written once.
 */
export const webhooksSchema = `
CREATE TABLE webhook_destinations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  topics TEXT NOT NULL,
  connect INTEGER NOT NULL CHECK (connect IN (0, 1)),
  description TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE TABLE webhook_events (
  sequence INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  created TEXT NOT NULL,
  data TEXT NOT NULL
) STRICT;
CREATE TABLE webhook_deliveries (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  event_sequence INTEGER NOT NULL REFERENCES webhook_events (sequence),
  destination_seq INTEGER NOT NULL REFERENCES webhook_destinations (seq),
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  retry_from TEXT NOT NULL,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (destination_seq, event_sequence)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (destination_seq, next_attempt_at) WHERE status = 'pending';
CREATE TABLE webhook_attempts (
  seq INTEGER PRIMARY KEY,
  delivery_seq INTEGER NOT NULL REFERENCES webhook_deliveries (seq),
  attempted_at TEXT NOT NULL,
  status_code INTEGER,
  duration_ms INTEGER NOT NULL,
  error TEXT
) STRICT;
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_seq);
CREATE TRIGGER webhook_events_immutable BEFORE UPDATE ON webhook_events
BEGIN SELECT RAISE(ABORT, 'a webhook event is immutable'); END;
`;
