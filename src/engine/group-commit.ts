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
  /** Settles (never rejects) once the group has committed or failed. */
  done: Promise<void>;
  settle(): void;
  writes: number;
}

function newGroup(id: number): Group {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  return { id, done, settle, writes: 0 };
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
  private nextId = 1;
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
  ) {
    this.begin_ = db.prepare('BEGIN IMMEDIATE');
    this.commit_ = db.prepare('COMMIT');
    this.rollback_ = db.prepare('ROLLBACK');
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
    if (open) this.finish(open, new Error('SQLite rolled the transaction back'));
    this.begin_.run();
    const group = newGroup(this.nextId++);
    group.writes = 1;
    this.open = group;
    setImmediate(() => this.commit(group));
  }

  /** Commits the open group now (before closing, or when a caller needs durability at once). */
  flush(): void {
    if (this.open) this.commit(this.open);
  }

  /** Taken before a request touches the engine: the first group that may hold its effects. */
  mark(): number {
    return this.open?.id ?? this.nextId;
  }

  /** Resolves once every group since `mark` that the caller may depend on has committed. */
  async settled(mark: number): Promise<void> {
    const open = this.open;
    if (open && open.id >= mark) await open.done;
    if (this.lastFailed >= mark) throw new CommitFailed(this.failure);
  }

  /** True when a group since `mark` failed to commit. */
  failedSince(mark: number): boolean {
    return this.lastFailed >= mark;
  }

  /** True while a group holds uncommitted writes. */
  get pending(): boolean {
    return this.open !== undefined;
  }

  private failure: unknown;

  private commit(group: Group): void {
    if (this.open !== group) return;
    let error: unknown;
    try {
      if (!this.db.inTransaction) throw new Error('SQLite rolled the transaction back');
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
    }
    this.finish(group, error);
  }

  private finish(group: Group, error: unknown): void {
    if (this.open === group) this.open = undefined;
    const { stats } = this;
    if (error !== undefined) {
      this.lastFailed = group.id;
      this.failure = error;
      stats.failed++;
      this.onRollback();
    } else {
      stats.groups++;
      stats.writes += group.writes;
      stats.largest = Math.max(stats.largest, group.writes);
    }
    group.settle();
  }
}
