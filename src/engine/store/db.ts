import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement = Database.Statement;

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Creates a missing database file empty, readable by its owner only: SQLite would create
 * it with the umask's mode (0644), letting every user of the machine read the ledger. The
 * -wal and -shm files SQLite makes take the database file's mode, so they are 0600 too.
 * A directory created on the way is 0700, as the config directory is.
 */
function createPrivately(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'a' creates without truncating, should another process create it first.
  closeSync(openSync(path, 'a', 0o600));
}

/**
 * Opens the database with the durability the ledger promises. better-sqlite3 is built with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so WAL alone would mean NORMAL and an OS crash could
 * lose acknowledged commits: FULL is set explicitly.
 */
export function openDatabase(path: string): Db {
  const memory = isMemoryPath(path);
  if (!memory) createPrivately(path);
  const db = new Database(memory ? ':memory:' : path);
  try {
    if (!memory) {
      db.pragma('journal_mode = WAL');
      // Bounds the WAL left behind after checkpoints, so recovery after a crash stays quick.
      db.pragma('journal_size_limit = 67108864');
      // Checkpoint at 64 MiB of WAL, not SQLite's 4 MiB: a 1,000-event request dirties about
      // a thousand pages of the random event-id index, so at 1,000 pages every commit was
      // followed by a checkpoint (and its fsyncs) copying them all; fewer, larger checkpoints
      // copy a page dirtied by several commits once (measured: system CPU per event ≈ −40 %).
      db.pragma('wal_autocheckpoint = 16384');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache at most (the default is 2 MiB; it fills only as pages are read
    // or written). It was 128 MiB while the id index held every event's id as text (~50
    // MiB at a million events, all of it touched by random ids); the 8-byte id key makes
    // that index about half as big, and an embedded bulk run's process held all 128 MiB
    // beside the client: peak RSS 284 MiB at 300,000 events, 178 MiB with 32 MiB, at the
    // same events/s and CPU per event (bench/rss-embedded.mjs; bench/results/).
    db.pragma('cache_size = -32768');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
