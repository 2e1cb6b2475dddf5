import type { Store } from './store.js';

/** Rows per statement: better-sqlite3 pays a fixed cost per `run()`, SQLite a small one per row. */
const CHUNKS = [100, 10, 1];

/** `INSERT INTO t (a, b, …)` and what follows the rows (an `ON CONFLICT` clause), if anything. */
export interface InsertSql {
  head: string;
  tail?: string;
}

/** Each InsertSql's statement texts, by rows and width: written once, not per call. */
const texts = new WeakMap<InsertSql, Map<number, string>>();

function statementText(sql: InsertSql, width: number, size: number): string {
  let bySize = texts.get(sql);
  if (!bySize) texts.set(sql, (bySize = new Map()));
  const key = size * 65536 + width;
  let text = bySize.get(key);
  if (text === undefined) {
    const one = `(${new Array(width).fill('?').join(', ')})`;
    bySize.set(key, (text = `${sql.head} VALUES ${new Array(size).fill(one).join(', ')} ${sql.tail ?? ''}`));
  }
  return text;
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
    const statement = store.stmt(statementText(sql, width, size));
    while (rows - at >= size) {
      // Exactly one chunk: the values as they are, not a copy.
      const chunk = at === 0 && rows === size ? values : values.slice(at * width, (at + size) * width);
      inserted += statement.run(chunk).changes;
      at += size;
    }
  }
  return inserted;
}
