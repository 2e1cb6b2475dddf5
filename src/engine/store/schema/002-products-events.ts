/**
 * Version 2: products and their versions, subscriptions, usage events. Prices and
 * entitlements are stored as the validated, normalised JSON of their version (decimals
 * written exactly); a published version is immutable, so the billing path may cache it.
 */
export const productsEventsSchema = `
CREATE TABLE products (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 64),
  default_version INTEGER,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE product_versions (
  product_seq INTEGER NOT NULL REFERENCES products (seq),
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  name TEXT NOT NULL,
  description TEXT,
  prices TEXT NOT NULL,
  entitlements TEXT NOT NULL,
  created_at TEXT NOT NULL,
  published_at TEXT,
  PRIMARY KEY (product_seq, version)
) STRICT;

-- Existing subscribers are billed from their version: once published it never changes.
CREATE TRIGGER product_versions_published_immutable BEFORE UPDATE ON product_versions
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'a published product version is immutable; create a new version'); END;
CREATE TRIGGER product_versions_no_delete BEFORE DELETE ON product_versions
BEGIN SELECT RAISE(ABORT, 'product versions are never deleted'); END;

CREATE TABLE subscriptions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL CHECK (status IN ('active')),
  started_at TEXT NOT NULL
) STRICT;
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id, seq);

CREATE TABLE subscription_products (
  subscription_seq INTEGER NOT NULL REFERENCES subscriptions (seq),
  position INTEGER NOT NULL,
  product_seq INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (subscription_seq, position),
  FOREIGN KEY (product_seq, version) REFERENCES product_versions (product_seq, version)
) STRICT;

-- id = the client's event UUID (lower case), the idempotency key; request_hash detects a
-- changed body; fees is the JSON list answered for the event and its replays; entry_id is
-- the journal entry of its fees (NULL when no fee moved money).
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
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
  entry_id INTEGER REFERENCES journal_entries (id)
) STRICT;
CREATE INDEX events_by_customer ON events (customer_id, received_at, seq);
CREATE INDEX events_by_received ON events (received_at, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;
`;
