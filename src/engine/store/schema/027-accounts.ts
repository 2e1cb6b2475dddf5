/**
 * Version 27: connected accounts (docs/accounts.md). Only the platform's database has rows
 * here: each connected account's own data lives in a database of its own beside it, so
 * this table is the list of those databases, and of the external ids naming them.
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
`;
