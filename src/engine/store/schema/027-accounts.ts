/**
 * Version 27: connected accounts (docs/accounts.md). Only the platform's database has rows
 * in `connected_accounts`: each connected account's own data lives in a database of its
 * own beside it, so this table is the list of those databases, and of the external ids
 * naming them. Events of an account's database that the platform's `connect: true`
 * destinations want are copied into the platform's outbox, naming the account
 * (`webhook_events.account_id`); `connect_relays` is how far each account's were copied.
 */
export const accountsSchema = `
CREATE TABLE connected_accounts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  external_id TEXT UNIQUE,
  metadata TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
ALTER TABLE webhook_events ADD COLUMN account_id TEXT;
CREATE TABLE connect_relays (
  account_id TEXT PRIMARY KEY,
  last_sequence INTEGER NOT NULL
) STRICT;
`;
