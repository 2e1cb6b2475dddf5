import type { Db } from './db.js';
import type { Clock } from '../request/time.js';
import { initialSchema } from './schema/001-initial.js';
import { productsEventsSchema } from './schema/002-products-events.js';
import { ledgerSchema } from './schema/004-ledger.js';
import { unusedIndexSchema } from './schema/005-unused-index.js';
import { immutableRowsSchema } from './schema/022-immutable-rows.js';
import { backfillJournalChain, journalChainSchema } from './schema/023-journal-chain.js';
import { apiKeysSchema, recordExistingKeys } from './schema/024-api-keys.js';
import { webhooksSchema } from './schema/025-webhooks.js';
import { backfillUsageDays, vendorsSchema } from './schema/026-vendors.js';
import { accountsSchema } from './schema/027-accounts.js';
import { subscriptionBillingSchema } from './schema/028-subscription-billing.js';
import { eventIdKeySchema } from './schema/029-event-id-key.js';
import { journalHeadPerCommitSchema } from './schema/030-journal-head-per-commit.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** A step SQL alone cannot take (hashing existing rows), run after `sql` in its transaction. */
  run?: (db: Db, clock: Clock) => void;
}

/**
 * Append-only: a change to the schema is a new entry; an applied migration never changes.
 * Numbers are handed out to parallel work before it lands, so some were never used (3,
 * 6–21): a database records each version it applied, and a gap is never a missing step.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'products-events', sql: productsEventsSchema },
  { version: 4, name: 'ledger', sql: ledgerSchema },
  { version: 5, name: 'unused-index', sql: unusedIndexSchema },
  { version: 22, name: 'immutable-rows', sql: immutableRowsSchema },
  { version: 23, name: 'journal-chain', sql: journalChainSchema, run: backfillJournalChain },
  { version: 24, name: 'api-keys', sql: apiKeysSchema, run: recordExistingKeys },
  { version: 25, name: 'webhooks', sql: webhooksSchema },
  { version: 26, name: 'vendors', sql: vendorsSchema, run: backfillUsageDays },
  { version: 27, name: 'accounts', sql: accountsSchema },
  { version: 28, name: 'subscription-billing', sql: subscriptionBillingSchema },
  { version: 29, name: 'event-id-key', sql: eventIdKeySchema },
  { version: 30, name: 'journal-head-per-commit', sql: journalHeadPerCommitSchema },
];

/**
 * Brings the schema up to date, one transaction per migration. Each re-checks its version
 * inside the write lock, so two processes opening a fresh file cannot both apply it.
 */
export function migrate(db: Db, clock: Clock, migrations: readonly Migration[] = MIGRATIONS): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const latest = () =>
    (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (latest() > known) {
    throw new Error(
      `database schema version ${latest()} is newer than this credyt understands (${known}); upgrade credyt`,
    );
  }
  // By version, not by "above the latest": numbers are handed out to parallel work, so a
  // lower-numbered migration may land after a higher one and must still be applied.
  const applied = (version: number) =>
    db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version) !== undefined;
  for (const migration of migrations) {
    if (applied(migration.version)) continue;
    db.transaction(() => {
      if (applied(migration.version)) return;
      db.exec(migration.sql);
      migration.run?.(db, clock);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        clock().toISOString(),
      );
    }).immediate();
  }
}
