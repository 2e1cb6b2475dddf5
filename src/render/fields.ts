import { UsageError } from '../errors.js';
import type { Column } from './column.js';

/**
 * `--fields`: which of a listing's fields to print. Field names are the API's snake_case
 * keys; a column that does not name its field is known by its header (`EXTERNAL ID` is
 * `external_id`).
 */

/** The field a column shows. */
export function fieldOf<T>(column: Column<T>): string {
  return column.field ?? column.header.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

function ownKeys(row: unknown): string[] {
  return typeof row === 'object' && row !== null && !Array.isArray(row) ? Object.keys(row) : [];
}

/** Every field a listing can print: its columns' first, then the rows' other keys. */
export function availableFields<T>(columns: Column<T>[], rows: T[]): string[] {
  const names = columns.map(fieldOf);
  for (const row of rows) for (const key of ownKeys(row)) if (!names.includes(key)) names.push(key);
  return names;
}

/** @throws UsageError naming the unknown field and listing the known ones */
export function checkFields<T>(fields: string[], columns: Column<T>[], rows: T[]): void {
  const known = availableFields(columns, rows);
  const unknown = fields.filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    const s = unknown.length > 1 ? 's' : '';
    throw new UsageError(`Unknown field${s} for --fields: ${unknown.join(', ')}. Available: ${known.join(', ')}.`);
  }
}

/** Columns for the chosen fields, in their order; a field without a column gets a plain one. */
export function selectColumns<T>(fields: string[], columns: Column<T>[]): Column<T>[] {
  return fields.map((field) => {
    const column = columns.find((c) => fieldOf(c) === field);
    if (column) return column;
    return {
      header: field.toUpperCase().replaceAll('_', ' '),
      field,
      value: (row: T) => (row as Record<string, unknown>)[field],
    };
  });
}

/** A row reduced to the chosen fields: the API's own value when the row has that key. */
export function projectRow<T>(row: T, fields: string[], columns: Column<T>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const record = row as Record<string, unknown>;
    if (typeof row === 'object' && row !== null && Object.hasOwn(record, field)) {
      out[field] = record[field];
    } else {
      const column = columns.find((c) => fieldOf(c) === field);
      out[field] = column?.value(row) ?? null;
    }
  }
  return out;
}
