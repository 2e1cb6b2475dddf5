import type { Transaction } from 'better-sqlite3';
import type { Db, Statement } from './db.js';
import { CommitGroups } from './group-commit.js';
import type { Clock } from '../request/time.js';
import { ClockOffset } from './clock-offset.js';

/** The transactionMemo key of the clock's offset. */
const CLOCK_OFFSET = 'clock offset';

/**
 * What every engine module works with: the database, the clock, a cache of prepared
 * statements (prepared on first use, so opening the engine stays cheap) and a memo of
 * values derived from stored rows.
 */
export class Store {
  private readonly statements = new Map<string, Statement>();
  private readonly memos = new Map<string, unknown>();
  /** Values that hold for the open write transaction only (see transactionMemo). */
  private readonly transactionMemos = new Map<string, unknown>();
  private groups: CommitGroups | undefined;
  private depth = 0;
  /**
   * A connected account's database only: the topic filters of the platform's `connect: true`
   * destinations. The outbox then keeps the events they want even when no destination of
   * the account does, for the platform to relay (webhooks/relay.ts).
   */
  connectTopics: (() => readonly (readonly string[])[]) | undefined;
  /**
   * One transaction wrapper for every write: better-sqlite3 builds four wrapper functions
   * per `db.transaction(fn)` call, which cost more than the SAVEPOINT it runs. The
   * wrapper passes its argument on, so `run(fn)` runs `fn` (nested calls become savepoints).
   */
  private readonly run: Transaction<(fn: () => unknown) => unknown>;

  /** The local clock's offset from `wallClock`, stored in the database. */
  readonly clockOffset: ClockOffset;
  /** Set while work due at an earlier instant is done (renewals): everything it writes is dated then. */
  private pinned: Date | undefined;
  /**
   * The engine's time: the injected wall clock plus the database's clock offset (zero
   * unless `credyt local clock` moved it), or the pinned instant inside `at`. A connected
   * account's database keeps no time of its own: its wall clock is the platform's clock,
   * and an offset left in its `clock` row is not added (docs/accounts.md).
   */
  readonly clock: Clock = () =>
    this.pinned ?? (this.sharedClock ? this.wallClock() : new Date(this.wallClock().getTime() + this.offsetMs()));

  /**
   * The clock's offset, read once per write transaction: while this connection holds the
   * write lock no other process can move it, and ClockOffset.set (on this connection) drops
   * the kept value. An adjustment reads the clock three times (measured ≈ 4 µs a read).
   */
  private offsetMs(): number {
    return this.depth > 0 ? this.transactionMemo(CLOCK_OFFSET, () => this.clockOffset.get()) : this.clockOffset.get();
  }

  constructor(
    readonly db: Db,
    readonly wallClock: Clock,
    /** True for a connected account's database: `wallClock` is its platform's clock, offset included. */
    readonly sharedClock = false,
  ) {
    this.run = db.transaction((fn: () => unknown) => fn());
    this.clockOffset = new ClockOffset(db, () => this.transactionMemos.delete(CLOCK_OFFSET));
  }

  /** Runs `fn` with the clock stopped at `date`: what it writes is dated then. */
  at<T>(date: Date, fn: () => T): T {
    const before = this.pinned;
    this.pinned = date;
    try {
      return fn();
    } finally {
      this.pinned = before;
    }
  }

  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so a
   * read-then-write never fails half-way with SQLITE_BUSY. Nested calls become savepoints.
   * With group commit on, a top-level call is a savepoint of the turn's group transaction
   * (see CommitGroups): its own failure rolls back only its own effects.
   */
  write<T>(fn: () => T): T {
    if (this.depth === 0) {
      // A new transaction: another connection may have written since the last one.
      if (!this.db.inTransaction) {
        this.transactionMemos.clear();
        this.beforeCommitSteps.clear();
      }
      this.groups?.enter();
    }
    return this.immediate(fn);
  }

  /** `fn` in a BEGIN IMMEDIATE transaction (a savepoint when nested), counted in `depth`. */
  private immediate<T>(fn: () => T): T {
    // Outside a commit group the top-level call is the whole transaction: its last step
    // runs before better-sqlite3 commits it.
    const whole = this.depth === 0 && !this.db.inTransaction;
    this.depth++;
    try {
      return this.run.immediate(whole ? () => this.finishing(fn()) : fn) as T;
    } catch (error) {
      // Whatever was memoised inside the rolled-back writes may name rows that are gone.
      this.memos.clear();
      this.transactionMemos.clear();
      if (!this.db.inTransaction) this.beforeCommitSteps.clear();
      throw error;
    } finally {
      this.depth--;
    }
  }

  private finishing<T>(result: T): T {
    this.runBeforeCommit();
    return result;
  }

  /** Steps to run once, last, in the open write transaction: see beforeCommit. */
  private readonly beforeCommitSteps = new Map<string, () => void>();

  /**
   * Runs `step` once, as the last statement(s) of the open write transaction, however many
   * writes ask for it: the journal head is written once per commit group, not once per
   * entry. A step asked for inside a write that rolls back to its savepoint still runs (it
   * must read what is left, not assume what was written); a transaction rolled back whole
   * drops it.
   */
  beforeCommit(key: string, step: () => void): void {
    this.beforeCommitSteps.set(key, step);
  }

  /** Runs the steps asked for (CommitGroups calls it before its COMMIT). */
  private runBeforeCommit(): void {
    if (this.beforeCommitSteps.size === 0) return;
    const steps = [...this.beforeCommitSteps.values()];
    this.beforeCommitSteps.clear();
    for (const step of steps) step();
  }

  /**
   * Runs `fn`, which only reads, in one read transaction: outside a transaction every
   * statement is one of its own, and beginning and ending a WAL read transaction costs
   * more than a short statement (measured ≈ 6 µs of CPU against 0.3 µs inside one). `fn`
   * must not write: a caller that finds it must, returns and writes after. Inside an open
   * transaction (a write, a commit group) it just runs `fn`.
   */
  read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    this.begin ??= this.db.prepare('BEGIN');
    this.end ??= this.db.prepare('COMMIT');
    // Values kept "for the open transaction" must not outlive this one.
    this.transactionMemos.clear();
    this.begin.run();
    try {
      return fn();
    } finally {
      this.transactionMemos.clear();
      // `fn` must not write; if it did anyway, what it asked to run last still runs.
      if (this.db.inTransaction) {
        try {
          this.runBeforeCommit();
        } finally {
          this.end.run();
        }
      }
    }
  }
  private begin: Statement | undefined;
  private end: Statement | undefined;

  /**
   * A write for a read, of state derived from rows already committed (a grant replay):
   * with group commit on and no group open, it runs in a transaction of its own, committed
   * at once and not synced, so the read's reply does not wait a group's fsync for it. When
   * `answered(result)` says the reply shows something the write changed (a balance an
   * expiry moved), the WAL is synced before returning; otherwise a crash before the next
   * sync loses only what the next read derives again, the same. Inside a group (or
   * without group commit) it is an ordinary write.
   */
  writeAside<T>(fn: () => T, answered: (result: T) => boolean): T {
    const groups = this.groups;
    if (!groups || this.depth > 0 || this.db.inTransaction || groups.isOpen) return this.write(fn);
    this.transactionMemos.clear();
    const result = this.immediate(fn);
    groups.committedAside(answered(result));
    return result;
  }

  /** Turns group commit on (the server does, for every request it answers). */
  groupCommit(): CommitGroups {
    return (this.groups ??= new CommitGroups(
      this.db,
      () => {
        this.memos.clear();
        this.transactionMemos.clear();
        this.beforeCommitSteps.clear();
      },
      () => this.runBeforeCommit(),
    ));
  }

  /** Commits the open group, if any, now. */
  flush(): void {
    this.groups?.flush();
  }

  /**
   * A value derived from stored rows that never change once written (compiled prices of a
   * published version, a setting made once), kept across requests. Dropped whenever a
   * write rolls back, so a memo never outlives the rows it came from.
   */
  memo<V>(key: string, make: () => V): V {
    if (this.memos.has(key)) return this.memos.get(key) as V;
    const value = make();
    this.memos.set(key, value);
    return value;
  }

  /**
   * A value read under the write lock that stays true only while this connection holds it
   * (the next journal entry id): kept for the open write transaction, which group commit
   * shares between the writes of a turn, and dropped when a new transaction begins or any
   * write rolls back. Outside a write transaction nothing is kept.
   */
  transactionMemo<V>(key: string, make: () => V): V {
    if (!this.db.inTransaction) return make();
    if (this.transactionMemos.has(key)) return this.transactionMemos.get(key) as V;
    const value = make();
    this.transactionMemos.set(key, value);
    return value;
  }

  forget(key: string): void {
    this.memos.delete(key);
  }
}
