/**
 * Version 28: subscriptions that bill (docs/subscriptions.md), and the local clock.
 *
 * `subscriptions` is rebuilt: its status may now be pending, active, failed or cancelled (a
 * CHECK cannot be altered in place), and it carries its billing period: the interval, the
 * anchor periods are counted from (anchor + k intervals, so a clamped Feb 28 does not drag
 * later periods), the current period, the fees a full period costs (`period_fees`, JSON,
 * what a prorated refund is a fraction of) and whether one-off entitlements are still to be
 * granted. `subscription_products` references it, so it is rebuilt with it (children first:
 * nothing references them). Rows made before this version keep status active and no period:
 * they were never asked to pay, and are not billed.
 *
 * `subscription_charges`: one row per journal entry that moved a subscription's money
 * (the first period paid, a renewal fee, a prorated refund or charge), with the amounts per
 * asset as JSON. `subscription_grants`: one row per entitlement granted, the grant's terms
 * (ledger/grants.ts reads purpose and expiry from it). `clock`: the offset of the local
 * clock from wall time, one row, so every process on the file reads the same time.
 */
export const subscriptionBillingSchema = `
CREATE TABLE subscription_products_v27 AS SELECT * FROM subscription_products;
CREATE TABLE subscriptions_v27 AS SELECT * FROM subscriptions;
DROP TABLE subscription_products;
DROP TABLE subscriptions;
CREATE TABLE subscriptions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'failed', 'cancelled')),
  started_at TEXT NOT NULL,
  return_url TEXT,
  failure_url TEXT,
  activated_at TEXT,
  ended_at TEXT,
  cancel_at_period_end INTEGER NOT NULL DEFAULT 0 CHECK (cancel_at_period_end IN (0, 1)),
  interval TEXT CHECK (interval IN ('day', 'week', 'month', 'year')),
  interval_count INTEGER,
  anchor_at TEXT,
  period_index INTEGER,
  period_start TEXT,
  period_end TEXT,
  period_fees TEXT NOT NULL DEFAULT '[]',
  one_offs_due INTEGER NOT NULL DEFAULT 0 CHECK (one_offs_due IN (0, 1))
) STRICT;
INSERT INTO subscriptions (seq, id, customer_id, status, started_at, activated_at)
  SELECT seq, id, customer_id, status, started_at, started_at FROM subscriptions_v27;
CREATE INDEX subscriptions_by_customer ON subscriptions (customer_id, seq);
-- What the clock must renew next: active subscriptions by the end of their period.
CREATE INDEX subscriptions_due ON subscriptions (period_end) WHERE status = 'active' AND period_end IS NOT NULL;
CREATE TABLE subscription_products (
  subscription_seq INTEGER NOT NULL REFERENCES subscriptions (seq),
  position INTEGER NOT NULL,
  product_seq INTEGER NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (subscription_seq, position),
  FOREIGN KEY (product_seq, version) REFERENCES product_versions (product_seq, version)
) STRICT;
INSERT INTO subscription_products SELECT * FROM subscription_products_v27;
DROP TABLE subscription_products_v27;
DROP TABLE subscriptions_v27;

CREATE TABLE subscription_charges (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  subscription_seq INTEGER NOT NULL REFERENCES subscriptions (seq),
  kind TEXT NOT NULL CHECK (kind IN ('paid', 'fee', 'refund', 'proration')),
  period_index INTEGER NOT NULL,
  amounts TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX subscription_charges_by_subscription ON subscription_charges (subscription_seq, seq);

CREATE TABLE subscription_grants (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  subscription_seq INTEGER NOT NULL REFERENCES subscriptions (seq),
  asset TEXT NOT NULL,
  amount TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('bundled', 'promotion')),
  expires_at TEXT,
  entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX subscription_grants_by_subscription ON subscription_grants (subscription_seq, seq);

CREATE TRIGGER subscription_charges_immutable BEFORE UPDATE ON subscription_charges
BEGIN SELECT RAISE(ABORT, 'subscription charges are immutable'); END;
CREATE TRIGGER subscription_grants_immutable BEFORE UPDATE ON subscription_grants
BEGIN SELECT RAISE(ABORT, 'subscription grants are immutable'); END;

CREATE TABLE clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  offset_ms INTEGER NOT NULL
) STRICT;
INSERT INTO clock (id, offset_ms) VALUES (1, 0);
`;
