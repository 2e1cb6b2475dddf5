/**
 * Version 1: assets, rates, customers, accounts, the journal, adjustments, top-ups and API
 * keys. Amounts are canonical decimal TEXT (36+ digits do not fit int64 minor units);
 * instants are fixed-width ISO-8601 UTC text, so text order is time order.
 */
export const initialSchema = `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE assets (
  seq INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 32),
  name TEXT NOT NULL,
  label TEXT,
  symbol TEXT,
  precision INTEGER NOT NULL CHECK (precision BETWEEN 0 AND 18),
  created_at TEXT NOT NULL
) STRICT;

-- Never edited or deleted (contract 6.2): a mistake is corrected by a newer rate.
CREATE TABLE rates (
  seq INTEGER PRIMARY KEY,
  asset TEXT NOT NULL,
  source TEXT NOT NULL,
  given TEXT NOT NULL CHECK (given IN ('rate', 'inverse_rate')),
  value TEXT NOT NULL,
  effective_at TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX rates_by_asset ON rates (asset, source, effective_at, seq);

CREATE TABLE customers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  external_id TEXT UNIQUE,
  name TEXT NOT NULL,
  email TEXT,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Customer wallet accounts (customer_id set) and platform accounts (customer_id NULL).
CREATE TABLE accounts (
  seq INTEGER PRIMARY KEY,
  customer_id TEXT REFERENCES customers (id),
  name TEXT NOT NULL,
  asset TEXT NOT NULL,
  available TEXT NOT NULL DEFAULT '0',
  pending_in TEXT NOT NULL DEFAULT '0',
  pending_out TEXT NOT NULL DEFAULT '0',
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX accounts_key ON accounts (ifnull(customer_id, ''), name, asset);

CREATE TABLE journal_entries (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  reference TEXT NOT NULL,
  rounding TEXT CHECK (rounding IN ('down', 'half_up')),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE journal_postings (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
  account_seq INTEGER NOT NULL REFERENCES accounts (seq),
  bucket TEXT NOT NULL CHECK (bucket IN ('available', 'pending_in', 'pending_out')),
  amount TEXT NOT NULL CHECK (amount <> '0')
) STRICT;
CREATE INDEX journal_postings_by_entry ON journal_postings (entry_id);

CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal is append-only: journal_entries cannot be updated'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal is append-only: journal_entries cannot be deleted'); END;
CREATE TRIGGER journal_postings_no_update BEFORE UPDATE ON journal_postings
BEGIN SELECT RAISE(ABORT, 'journal is append-only: journal_postings cannot be updated'); END;
CREATE TRIGGER journal_postings_no_delete BEFORE DELETE ON journal_postings
BEGIN SELECT RAISE(ABORT, 'journal is append-only: journal_postings cannot be deleted'); END;
CREATE TRIGGER rates_no_update BEFORE UPDATE ON rates
BEGIN SELECT RAISE(ABORT, 'rates are never edited; add a newer rate'); END;
CREATE TRIGGER rates_no_delete BEFORE DELETE ON rates
BEGIN SELECT RAISE(ABORT, 'rates are never deleted; add a newer rate'); END;

-- id = the client's transaction_id, the idempotency key; request_hash detects a changed body.
CREATE TABLE adjustments (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  account_seq INTEGER NOT NULL REFERENCES accounts (seq),
  amount TEXT NOT NULL,
  reason TEXT NOT NULL,
  description TEXT,
  expires_at TEXT,
  metadata TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
  created_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER adjustments_no_update BEFORE UPDATE ON adjustments
BEGIN SELECT RAISE(ABORT, 'adjustments are immutable'); END;
CREATE TRIGGER adjustments_no_delete BEFORE DELETE ON adjustments
BEGIN SELECT RAISE(ABORT, 'adjustments are immutable'); END;

CREATE TABLE top_ups (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  account_seq INTEGER NOT NULL REFERENCES accounts (seq),
  status TEXT NOT NULL CHECK (status IN ('initiated', 'completed', 'failed', 'expired')),
  amount TEXT NOT NULL,
  currency TEXT NOT NULL,
  exchange_rate TEXT NOT NULL,
  quantity TEXT NOT NULL,
  rounded INTEGER NOT NULL CHECK (rounded IN (0, 1)),
  description TEXT,
  metadata TEXT NOT NULL,
  credit_expires_at TEXT,
  return_url TEXT NOT NULL,
  failure_url TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE INDEX top_ups_open ON top_ups (customer_id, status, expires_at);

CREATE TABLE api_keys (
  seq INTEGER PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
`;
