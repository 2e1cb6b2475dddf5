import type { Db, Statement } from './db.js';
import type { Clock } from './time.js';

/**
 * What every engine module works with: the database, the clock and a cache of prepared
 * statements (prepared on first use, so opening the engine stays cheap).
 */
export class Store {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Db,
    readonly clock: Clock,
  ) {}

  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so a
   *  read-then-write never fails half-way with SQLITE_BUSY. Nested calls become savepoints. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
