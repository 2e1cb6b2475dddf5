import type { Store } from './store.js';

/** Rows per statement: better-sqlite3 pays a fixed cost per `run()`, SQLite a small one per row. */
const CHUNKS = [100, 10, 1];

/**
 * Inserts `values.length / width` rows (values flat, row after row) with as few
 * statements as it takes: `head` is `INSERT INTO t (a, b, …)`, and each chunk size is one
 * prepared statement, cached by the store.
 */
export function insertRows(store: Store, head: string, width: number, values: unknown[]): void {
  const rows = values.length / width;
  let at = 0;
  for (const size of CHUNKS) {
    if (rows - at < size) continue;
    const one = `(${new Array(width).fill('?').join(', ')})`;
    const statement = store.stmt(`${head} VALUES ${new Array(size).fill(one).join(', ')}`);
    while (rows - at >= size) {
      statement.run(values.slice(at * width, (at + size) * width));
      at += size;
    }
  }
}
