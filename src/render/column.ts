/**
 * One column of a listing. `precision` marks an amount: right-aligned at that precision.
 * Its own module so that `--fields` (fields.ts) and the printers (records.ts) share it
 * without importing each other.
 */
export interface Column<T> {
  header: string;
  /** The API's key this column shows, for `--fields`; default: the header in snake_case. */
  field?: string;
  value: (row: T) => unknown;
  precision?: (row: T) => number | undefined;
}
