/**
 * Version 4: holds (pre-authorisations, §6.7), credit grants (§1.8) and the cursor that
 * keeps each account's grants in step with its journal. Grants are a sub-ledger derived
 * from the journal's `available` postings in journal order (docs/ledger.md, "Grants").
 */
export const ledgerSchema = `
CREATE TABLE holds (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  account_seq INTEGER NOT NULL REFERENCES accounts (seq),
  amount TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'captured', 'voided', 'expired')),
  captured_amount TEXT,
  description TEXT,
  expires_at TEXT,
  request_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT
) STRICT;
CREATE INDEX holds_by_customer ON holds (customer_id, status, expires_at);
CREATE TRIGGER holds_resolve_once BEFORE UPDATE ON holds WHEN OLD.status <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a resolved hold is immutable'); END;
CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds
BEGIN SELECT RAISE(ABORT, 'holds are never deleted'); END;
CREATE TABLE grants (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  account_seq INTEGER NOT NULL REFERENCES accounts (seq),
  purpose TEXT NOT NULL CHECK (purpose IN ('promotion', 'bundled', 'paid')),
  amount TEXT NOT NULL,
  remaining TEXT NOT NULL CHECK (remaining NOT LIKE '-%'),
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  entry_id INTEGER NOT NULL REFERENCES journal_entries (id),
  effective_at TEXT NOT NULL,
  expires_at TEXT,
  expired_at TEXT,
  expiry_entry_id INTEGER REFERENCES journal_entries (id)
) STRICT;
CREATE INDEX grants_by_account ON grants (account_seq, expired_at);
CREATE TABLE grant_cursors (
  account_seq INTEGER PRIMARY KEY REFERENCES accounts (seq),
  through_posting INTEGER NOT NULL,
  debt TEXT NOT NULL CHECK (debt NOT LIKE '-%')
) STRICT;
CREATE INDEX journal_postings_by_account ON journal_postings (account_seq, bucket, id);
CREATE INDEX journal_entries_by_reference ON journal_entries (reference);
`;
