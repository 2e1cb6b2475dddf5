import { JsonDepthError, MAX_JSON_DEPTH, assertJsonDepth } from '../../json/depth.js';
import type { VerifyContext } from './context.js';

/** Stored JSON columns, with what names a row of each in a report. */
const COLUMNS: readonly { table: string; id: string; column: string; what: string }[] = [
  { table: 'events', id: 'id', column: 'data', what: 'event' },
  { table: 'events', id: 'id', column: 'costs', what: 'event' },
  { table: 'customers', id: 'id', column: 'metadata', what: 'customer' },
  { table: 'adjustments', id: 'id', column: 'metadata', what: 'adjustment' },
  { table: 'top_ups', id: 'id', column: 'metadata', what: 'top-up' },
  { table: 'product_versions', id: "product_seq || ' v' || version", column: 'prices', what: 'product' },
  { table: 'product_versions', id: "product_seq || ' v' || version", column: 'entitlements', what: 'product' },
];

/**
 * Rows whose JSON nests deeper than requests may now (MAX_JSON_DEPTH): stored before the
 * limit existed. The server still answers them (its writers do not recurse that deep),
 * but clients with recursive parsers may not read them, and no request could store them
 * again. Only text long enough to nest that deep is scanned, so a clean ledger pays for
 * one pass over its long rows.
 */
export function verifyJsonDepth(ctx: VerifyContext): void {
  for (const { table, id, column, what } of COLUMNS) {
    const rows = ctx.store.db
      .prepare(`SELECT ${id} AS id, ${column} AS text FROM ${table} WHERE length(${column}) > ?`)
      .iterate(MAX_JSON_DEPTH * 2) as IterableIterator<{ id: string; text: string }>;
    for (const row of rows) {
      ctx.count('json_long_rows');
      try {
        assertJsonDepth(row.text);
      } catch (error) {
        if (!(error instanceof JsonDepthError)) throw error;
        ctx.fail('json_depth', table, row.id, `${what} ${row.id} ${column}: ${error.message}`);
      }
    }
  }
}
