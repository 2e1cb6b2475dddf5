/**
 * Version 29: the event-id index on an 8-byte key instead of the 36-character id
 * (fees/event-id-key.ts). Each accepted event inserts one entry into that index; with
 * random ids that is one random page per event, so a narrower index has fewer pages to
 * dirty and keep in cache (bench/ingest-growth.mjs). The key is not unique (two ids may
 * share one): the engine probes it and compares full ids, and a trigger refuses a second
 * row with the same id, as the UNIQUE constraint did. SQLite cannot drop a constraint, so
 * the table is rebuilt with the same rows, seq values and indexes (once: 200,000 events
 * took 3.8 s on the project's loaded 2-core machine).
 */
export const eventIdKeySchema = `
ALTER TABLE events RENAME TO events_v26;
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  event_type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  subject TEXT,
  description TEXT,
  data TEXT NOT NULL,
  costs TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  fees TEXT NOT NULL,
  entry_id INTEGER REFERENCES journal_entries (id),
  id_key BLOB NOT NULL
) STRICT;
INSERT INTO events
  SELECT seq, id, customer_id, event_type, occurred_at, received_at, subject, description, data, costs, request_hash, fees, entry_id,
    unhex(substr(id, 1, 8) || substr(id, 10, 4) || substr(id, 16, 3) || substr(id, 21, 1))
  FROM events_v26 ORDER BY seq;
DROP TABLE events_v26;
CREATE INDEX events_by_id_key ON events (id_key);
CREATE INDEX events_by_customer ON events (customer_id, received_at, seq);
CREATE INDEX events_by_received ON events (received_at, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER events_unique_id BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id_key = NEW.id_key AND id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: events.id'); END;
`;
