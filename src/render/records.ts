import { createRequire } from 'node:module';
import type TableType from 'cli-table3';
import { Chalk } from 'chalk';
import { stringifyJson } from '../json/write.js';
import { amountText, plainText } from './cells.js';
import type { Output } from './output.js';
import { fitWidths, textWidth } from './fit.js';
import { availableFields, checkFields, fieldOf, projectRow, selectColumns } from './fields.js';
import type { Column } from './column.js';

export type { Column } from './column.js';

export interface RecordsSpec<T> {
  columns: Column<T>[];
  rows: T[];
  /** The API's JSON document, printed as is for `-o json`. */
  json: unknown;
  /** The id printed by `-q`. */
  id: (row: T) => string;
  /** How many items exist in all (a page's `total_count`), for the "Showing 20 of …" notice. */
  total?: number;
  /** Items skipped before these rows (`--offset`). */
  offset?: number;
  /** What the rows are, plural, for the notice: `customers`. */
  noun?: string;
}

// cli-table3 is CommonJS and costs ~20 ms to load: required only when a table is printed.
const require = createRequire(import.meta.url);
function tableClass(): typeof TableType {
  return require('cli-table3') as typeof TableType;
}

/** A field list needs no lines between its rows. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function tableCell<T>(column: Column<T>, row: T) {
  const value = column.value(row);
  if (!column.precision) return plainText(value);
  return { content: amountText(value, column.precision(row)), hAlign: 'right' as const };
}

function escapeCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function escapeTsv(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

function writeDelimited<T>(out: Output, spec: RecordsSpec<T>, csv: boolean) {
  const sep = csv ? ',' : '\t';
  const esc = csv ? escapeCsv : escapeTsv;
  const lines: string[] = [];
  // Scripts read these headers: the API's snake_case keys, as --fields names them; display
  // labels (`EXTERNAL ID`) are for tables.
  if (out.header) lines.push(spec.columns.map((c) => esc(fieldOf(c))).join(sep));
  for (const row of spec.rows) lines.push(spec.columns.map((c) => esc(plainText(c.value(row)))).join(sep));
  if (lines.length > 0) out.io.stdout.write(lines.join('\n') + '\n');
}

/** `--fields` alone: the listing's fields, one per line, instead of the listing. */
function printFieldNames<T>(out: Output, columns: Column<T>[], rows: T[]): void {
  out.io.stdout.write(availableFields(columns, rows).join('\n') + '\n');
}

/** On stderr, when more items exist than were printed: say so and how to see them. */
function truncationNotice<T>(out: Output, spec: RecordsSpec<T>): void {
  if (spec.total === undefined || out.mode === 'json') return;
  const offset = spec.offset ?? 0;
  const shown = spec.rows.length;
  if (offset + shown >= spec.total) return;
  const n = (x: number) => x.toLocaleString('en-US');
  const range = offset > 0 && shown > 0 ? `${n(offset + 1)}–${n(offset + shown)}` : n(shown);
  out.io.stderr.write(`Showing ${range} of ${n(spec.total)} ${spec.noun ?? 'items'}; use --all or --limit N to see more.\n`);
}

/** What a list verb prints (commands/paging.ts `fetchList`): the items, how many exist, and the JSON document for `-o json`. */
export interface ListedRows<T> {
  items: T[];
  /** The API's page as received; several pages are joined into one of the same shape. */
  json: unknown;
  /** `total_count` of the API, when it gave one. */
  total?: number;
  offset: number;
}

/** printRecords for a fetched list: its items are the rows, its page the JSON, its total and offset the notice. */
export function printListing<T>(out: Output, list: ListedRows<T>, spec: Pick<RecordsSpec<T>, 'columns' | 'id' | 'noun'>): void {
  printRecords(out, { ...spec, rows: list.items, json: list.json, total: list.total, offset: list.offset });
}

/**
 * Prints rows in the chosen mode; stdout receives data only. `--fields` picks columns
 * (table, csv, tsv) or keys (json, jsonl: then an array of the reduced rows).
 */
export function printRecords<T>(out: Output, spec: RecordsSpec<T>): void {
  if (out.fields === 'list') return printFieldNames(out, spec.columns, spec.rows);
  if (out.fields && !out.quiet) {
    checkFields(out.fields, spec.columns, spec.rows);
    const fields = out.fields;
    const rows = spec.rows.map((row) => projectRow(row, fields, spec.columns));
    writeRecords(out, { ...spec, columns: selectColumns(fields, spec.columns), json: withRows(spec.json, spec.rows, rows) }, rows);
  } else {
    writeRecords(out, spec, spec.rows);
  }
  truncationNotice(out, spec);
}

/**
 * The JSON document with its rows replaced by the reduced ones, so `-o json` keeps its
 * shape with or without --fields: a page stays `{items, total_count, …}`, a wallet
 * `{accounts: […]}`. A document whose rows cannot be found becomes the array of them.
 */
function withRows(json: unknown, rows: unknown[], reduced: unknown[]): unknown {
  if (Array.isArray(json)) return reduced;
  if (typeof json !== 'object' || json === null) return reduced;
  const doc = json as Record<string, unknown>;
  const key = Array.isArray(doc.items)
    ? 'items'
    : Object.keys(doc).find((k) => Array.isArray(doc[k]) && (doc[k] as unknown[]).length === rows.length && rows.every((r) => (doc[k] as unknown[]).includes(r)));
  return key === undefined ? reduced : { ...doc, [key]: reduced };
}

function writeRecords<T>(out: Output, spec: RecordsSpec<T>, jsonRows: unknown[]): void {
  const { io } = out;
  if (out.quiet) {
    for (const row of spec.rows) io.stdout.write(spec.id(row) + '\n');
    return;
  }
  switch (out.mode) {
    case 'json':
      io.stdout.write(stringifyJson(spec.json, 2) + '\n');
      return;
    case 'jsonl':
      for (const row of jsonRows) io.stdout.write(stringifyJson(row) + '\n');
      return;
    case 'csv':
    case 'tsv':
      writeDelimited(out, spec, out.mode === 'csv');
      return;
    case 'table': {
      const bold = new Chalk({ level: io.stdoutColor }).bold;
      const Table = tableClass();
      const cells = spec.rows.map((row) => spec.columns.map((c) => tableCell(c, row)));
      const texts = (i: number) => cells.map((r) => { const cell = r[i]!; return typeof cell === 'string' ? cell : cell.content; });
      const natural = spec.columns.map((c, i) => Math.max(out.header ? textWidth(c.header) : 0, ...texts(i).map(textWidth)));
      const widths = io.stdoutColumns
        ? fitWidths(natural, spec.columns.map((c) => c.precision !== undefined), spec.columns.map((c) => textWidth(c.header)), io.stdoutColumns)
        : undefined;
      const table = new Table({
        head: out.header ? spec.columns.map((c) => bold(c.header)) : [],
        style: { head: [], border: [] },
        // Wider than the terminal: cells wrap (anywhere, so ids keep every character).
        ...(widths ? { colWidths: widths.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: false } : {}),
      });
      for (const row of cells) table.push(row);
      io.stdout.write(table.toString() + '\n');
    }
  }
}

/**
 * Prints one object. On a table it is a field/value list (easier to read than one very
 * wide row); every other mode treats it as a single row.
 */
export function printRecord<T>(out: Output, spec: Omit<RecordsSpec<T>, 'rows'> & { row: T }): void {
  if (out.fields === 'list') return printFieldNames(out, spec.columns, [spec.row]);
  if (out.fields && !out.quiet && out.mode === 'json') {
    checkFields(out.fields, spec.columns, [spec.row]);
    out.io.stdout.write(stringifyJson(projectRow(spec.row, out.fields, spec.columns), 2) + '\n');
    return;
  }
  if (out.mode !== 'table' || out.quiet) {
    printRecords(out, { ...spec, rows: [spec.row] });
    return;
  }
  let columns = spec.columns;
  if (out.fields) {
    checkFields(out.fields, spec.columns, [spec.row]);
    columns = selectColumns(out.fields, spec.columns);
  }
  const bold = new Chalk({ level: out.io.stdoutColor }).bold;
  const Table = tableClass();
  const values = columns.map((c) => {
    const cell = tableCell(c, spec.row);
    return typeof cell === 'string' ? cell : cell.content;
  });
  const labels = Math.max(...columns.map((c) => textWidth(c.header)));
  const widths = out.io.stdoutColumns
    ? fitWidths([labels, Math.max(0, ...values.map(textWidth))], [true, false], [labels, 0], out.io.stdoutColumns)
    : undefined;
  const table = new Table({
    chars: COMPACT,
    style: { head: [], border: [] },
    ...(widths ? { colWidths: widths.map((w) => w + 2), wordWrap: true, wrapOnWordBoundary: false } : {}),
  });
  columns.forEach((c, i) => table.push({ [bold(c.header)]: values[i]! }));
  out.io.stdout.write(table.toString() + '\n');
}
