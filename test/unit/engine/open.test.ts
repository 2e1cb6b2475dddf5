import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, MIGRATIONS } from '../../../src/engine/index.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { testClock, tempDir } from './fixture.js';

describe('openEngine', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('creates the parent directory and sets durable pragmas', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'nested', 'deeper', 'credyt.db');
    openEngine({ path }).close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    // synchronous, foreign_keys and busy_timeout are per connection: check the engine's own.
    const engine = openEngine({ path });
    const store = (engine as unknown as { store: { db: Database.Database } }).store;
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
    expect(store.db.pragma('cache_size', { simple: true })).toBe(-32768);
    engine.close();
  });

  it('uses only STRICT tables and records each migration once', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'credyt.db');
    openEngine({ path }).close();
    openEngine({ path }).close();
    const db = new Database(path);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(5);
    // Table options in either order: `STRICT` alone, or with `WITHOUT ROWID`.
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*(STRICT|STRICT,\s*WITHOUT ROWID|WITHOUT ROWID,\s*STRICT)$/);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('drops the journal index no query uses, from a new file and from one made before version 5', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const indexed = (db: Database.Database) =>
      db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'journal_entries_by_reference'").pluck().get();
    const fresh = join(tmp.dir, 'fresh.db');
    openEngine({ path: fresh }).close();
    const freshDb = new Database(fresh);
    expect(indexed(freshDb)).toBe(0);
    freshDb.close();

    const older = join(tmp.dir, 'older.db');
    const db = new Database(older);
    migrate(db, testClock(), MIGRATIONS.filter((m) => m.version < 5));
    expect(indexed(db)).toBe(1);
    db.close();
    openEngine({ path: older }).close();
    const reopened = new Database(older);
    expect(indexed(reopened)).toBe(0);
    reopened.close();
  });

  it('applies a later migration on reopen, in its own transaction', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'credyt.db');
    openEngine({ path }).close();
    const db = new Database(path);
    const last = Math.max(...MIGRATIONS.map((m) => m.version));
    const next = [...MIGRATIONS, { version: last + 1, name: 'extra', sql: 'CREATE TABLE extra (x TEXT) STRICT;' }];
    migrate(db, testClock(), next);
    migrate(db, testClock(), next);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length + 1);
    const broken = [...next, { version: last + 2, name: 'broken', sql: 'CREATE TABLE y (x TEXT) STRICT; NOT SQL;' }];
    expect(() => migrate(db, testClock(), broken)).toThrow();
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'y'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer schema', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'credyt.db');
    openEngine({ path }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    expect(() => openEngine({ path })).toThrow(/newer than this credyt understands/);
  });

  it('keeps one platform account id per database', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'credyt.db');
    const first = openEngine({ path });
    const self = first.platformAccount();
    first.close();
    const again = openEngine({ path });
    expect(again.platformAccount()).toEqual(self);
    expect(self).toMatchObject({ name: 'Local engine', live_mode: false });
    expect(self.id).toMatch(/^acc_[0-9a-hjkmnp-tv-z]{26}$/);
    again.close();
  });
});
