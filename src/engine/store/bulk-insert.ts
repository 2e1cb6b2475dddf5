import type { Store } from './store.js';

/** Rows per statement: better-sqlite3 pays a fixed cost per `run()`, SQLite a small one per row. */
const CHUNKS = [100, 10, 1];

/** `INSERT INTO t (a, b, …)` and what follows the rows (an `ON CONFLICT` clause), if anything. */
export interface InsertSql {
  head: string;
  tail?: string;
}

/**
 * Inserts `values.length / width` rows (values flat, row after row) with as few
 * statements as it takes, each chunk size one prepared statement cached by the store.
 * Returns how many rows were inserted (fewer when the tail skips some).
 */
export function insertRows(store: Store, sql: InsertSql, width: number, values: unknown[]): number {
  const rows = values.length / width;
  let at = 0;
  let inserted = 0;
  for (const size of CHUNKS) {
    if (rows - at < size) continue;
    const one = `(${new Array(width).fill('?').join(', ')})`;
    const statement = store.stmt(`${sql.head} VALUES ${new Array(size).fill(one).join(', ')} ${sql.tail ?? ''}`);
    while (rows - at >= size) {
      inserted += statement.run(values.slice(at * width, (at + size) * width)).changes;
      at += size;
    }
  }
  return inserted;
}
