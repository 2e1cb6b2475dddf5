import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { Checkpointer } from './checkpointer.js';
import type { Db, Statement } from './db.js';

/** A held reply's group could not commit: nothing it wrote is in the file. */
export class CommitFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(`the write transaction could not commit: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'CommitFailed';
  }
}

interface Group {
  id: number;
  /** Settles (never rejects) once the group has committed or failed, and every group before it. */
  done: Promise<void>;
  settle(): void;
  settled: boolean;
  writes: number;
  /** The group before it, while unsettled: groups settle in order. */
  previous: Group | undefined;
}

function newGroup(id: number, previous: Group | undefined): Group {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  return { id, done, settle, settled: false, writes: 0, previous: previous?.settled === false ? previous : undefined };
}

/**
 * The fsync of a commit, off the event loop. In WAL mode with `synchronous=NORMAL` a
 * COMMIT writes the group's frames to the WAL file and returns without syncing it; this
 * syncs the file in libuv's thread pool while the next turn's requests run, and only then
 * are the group's replies released: what is answered is on disk, as with FULL, but the
 * server no longer stops for every fsync.
 *
 * One descriptor of the WAL file is kept while syncs run (`r+`: Windows syncs only
 * writable handles). SQLite truncates the file in place and removes it only when its last
 * connection closes, and ours is open while groups are made, so it is the file SQLite
 * writes. `release()` (from flush, before the database closes) closes it once idle.
 */
class WalSync {
  private fd: number | undefined;
  private running = 0;
  private releasing = false;

  constructor(private readonly path: string) {}

  sync(done: (error: Error | null) => void): void {
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      return done(error as Error);
    }
    this.running++;
    fsync(fd, (error) => {
      this.running--;
      if (this.releasing && this.running === 0) this.close();
      done(error);
    });
  }

  syncNow(): void {
    fsyncSync(this.open());
  }

  release(): void {
    this.releasing = true;
    if (this.running === 0) this.close();
  }

  private open(): number {
    this.releasing = false;
    return (this.fd ??= openSync(this.path, 'r+'));
  }

  private close(): void {
    const fd = this.fd;
    this.fd = undefined;
    this.releasing = false;
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Group commit (docs/ledger.md): the first write of an event-loop turn opens one
 * `BEGIN IMMEDIATE` transaction, every write of that turn runs inside it as a savepoint
 * (one write's failure rolls back only its own effects), and one `COMMIT` at the end of the
 * turn (setImmediate) makes them durable together: one fsync for many requests.
 *
 * Whoever answers for a write must wait for its group: `mark()` before touching the
 * engine, `settled(mark)` before answering; it throws CommitFailed when any group that may
 * hold the caller's effects (or that its reads may have seen) failed to commit.
 */
export class CommitGroups {
  private open: Group | undefined;
  /** The newest group made: open, syncing or settled. */
  private newest: Group | undefined;
  private nextId = 1;
  /**
   * Set when the database is a WAL file: commits are then synced off the event loop.
   * (Replaceable by tests, to hold a sync back.)
   */
  wal: Pick<WalSync, 'sync' | 'syncNow' | 'release'> | undefined;
  /** Set when the database is a WAL file: checkpoints run on a worker thread. */
  readonly checkpointer: Checkpointer | undefined;
  /** Id of the last group that failed; every id at or below it is settled. */
  private lastFailed = 0;
  private readonly begin_: Statement;
  private readonly commit_: Statement;
  private readonly rollback_: Statement;
  /** Counters, for tests and benchmarks. */
  readonly stats = { groups: 0, writes: 0, failed: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    /** Called after a group rolled back: in-memory state derived from its rows is stale. */
    private readonly onRollback: () => void,
    /** Called inside the group's transaction just before its COMMIT (Store.beforeCommit); a throw fails the group. */
    private readonly beforeCommit: () => void = () => {},
  ) {
    this.begin_ = db.prepare('BEGIN IMMEDIATE');
    this.commit_ = db.prepare('COMMIT');
    this.rollback_ = db.prepare('ROLLBACK');
    // Each write of a group is a savepoint, and SQLite keeps the original of every page a
    // savepoint changes in a sub-journal: in memory up to 64 KiB, then in a temporary file
    // that stays until the group commits, two write() calls per page. Most groups spilled,
    // about four pages per adjustment: in memory instead (measured: system CPU per adjustment
    // -40 %). The sub-journal is emptied as each write ends, so it holds at most the pages
    // one write changes (the largest are event batches of a 10 MiB body at most).
    db.pragma('temp_store = MEMORY');
    if (!db.memory && String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') {
      // Durability is kept by WalSync before any reply: see there. Only this connection's
      // commits change; other processes on the file keep their own setting.
      db.pragma('synchronous = NORMAL');
      this.wal = new WalSync(`${db.name}-wal`);
      this.checkpointer = new Checkpointer(db.name);
    }
  }

  /**
   * Called by Store.write before each top-level write: joins the open group, or opens one
   * (taking the write lock, waiting up to busy_timeout for another process).
   */
  enter(): void {
    const open = this.open;
    if (open && this.db.inTransaction) {
      open.writes++;
      return;
    }
    if (this.db.inTransaction) throw new Error('a transaction is open outside any commit group');
    // SQLite rolled the group's transaction back on its own (SQLITE_FULL, SQLITE_IOERR…):
    // its requests must not be answered as done.
    if (open) {
      this.open = undefined;
      this.onRollback();
      this.finish(open, new Error('SQLite rolled the transaction back'));
    }
    this.begin_.run();
    const group = newGroup(this.nextId++, this.newest);
    group.writes = 1;
    this.open = group;
    this.newest = group;
    setImmediate(() => this.commit(group));
  }

  /**
   * Commits the open group now, durably (before closing, or when a caller needs durability
   * at once), and lets the WAL file's descriptor go once no sync runs.
   */
  flush(): void {
    if (this.open) this.commit(this.open, true);
    this.wal?.release();
    this.checkpointer?.close();
  }

  /** True while a group is open: its writes are not committed yet. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /**
   * After a transaction committed outside any group (Store.writeAside): lets the
   * checkpointer know, and syncs the WAL now when the caller is about to answer what it
   * wrote (`durable`), since no group will hold that answer back.
   */
  committedAside(durable: boolean): void {
    this.checkpointer?.committed();
    if (durable) this.wal?.syncNow();
  }

  /** Taken before a request touches the engine: the first group that may hold its effects. */
  mark(): number {
    return this.open?.id ?? this.nextId;
  }

  /**
   * Resolves once every group since `mark` that the caller may depend on has committed
   * and is on disk. Groups settle in order, so waiting for the newest is waiting for all.
   */
  async settled(mark: number): Promise<void> {
    const newest = this.newest;
    if (newest && newest.id >= mark && !newest.settled) await newest.done;
    if (this.lastFailed >= mark) throw new CommitFailed(this.failure);
  }

  /** Resolves once every group made so far has settled: committed and on disk, or failed. */
  async idle(): Promise<void> {
    await this.newest?.done;
  }

  /** True when a group since `mark` failed to commit. */
  failedSince(mark: number): boolean {
    return this.lastFailed >= mark;
  }

  /** True while a group holds writes not yet committed and synced. */
  get pending(): boolean {
    return this.newest !== undefined && !this.newest.settled;
  }

  private failure: unknown;

  private commit(group: Group, syncNow = false): void {
    if (this.open !== group) return;
    // From here on the next write opens the next group, even while this one syncs.
    this.open = undefined;
    let error: unknown;
    try {
      if (!this.db.inTransaction) throw new Error('SQLite rolled the transaction back');
      this.beforeCommit();
      this.commit_.run();
    } catch (e) {
      error = e;
      if (this.db.inTransaction) {
        try {
          this.rollback_.run();
        } catch {
          // The connection is unusable; the next write's BEGIN reports it.
        }
      }
      // Nothing of the group is in the file: memos made from its rows go now, before the
      // next turn's writes can use them.
      this.onRollback();
      return this.finish(group, error);
    }
    this.checkpointer?.committed();
    const { wal } = this;
    if (!wal) return this.finish(group, undefined);
    if (syncNow) {
      try {
        wal.syncNow();
      } catch (e) {
        error = e;
      }
      return this.finish(group, error);
    }
    // A failed fsync answers the group 503 like a failed COMMIT, though its rows may be in
    // the file: a retry with the same idempotency key is then answered as a duplicate.
    wal.sync((syncError) => this.finish(group, syncError ?? undefined));
  }

  /** Settles the group once every group before it has settled (their replies go first). */
  private finish(group: Group, error: unknown): void {
    if (this.open === group) this.open = undefined;
    const previous = group.previous;
    if (previous && !previous.settled) {
      void previous.done.then(() => this.finish(group, error));
      return;
    }
    group.previous = undefined;
    const { stats } = this;
    if (error !== undefined) {
      this.lastFailed = group.id;
      this.failure = error;
      stats.failed++;
    } else {
      stats.groups++;
      stats.writes += group.writes;
      stats.largest = Math.max(stats.largest, group.writes);
    }
    group.settled = true;
    group.settle();
  }
}
