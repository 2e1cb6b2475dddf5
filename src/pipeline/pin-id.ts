import type { InputFormat } from './input.js';

/** The column or key that carries a line's id, per kind of bulk run. */
export function idKeyOf(kind: string): string {
  return kind === 'usage' ? 'id' : 'transaction_id';
}

/** The names of a CSV header line (no quoted commas in the names we read). */
function names(header: string): string[] {
  return header.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * The header of a rejects file: the input's, plus the id column when it had none, so that
 * every rejected line can carry the id it was sent with.
 */
export function rejectsHeader(header: string | undefined, idKey: string): string | undefined {
  if (header === undefined) return undefined;
  return names(header).includes(idKey) ? header : `${header},${idKey}`;
}

/**
 * A rejected line as written to `--rejects`, with the id it was sent with written in
 * (`id` undefined: the line had its own, or none was derived). Fed back, the line keeps
 * that id: numbered anew in the rejects file, the k-th of several identical lines would
 * otherwise take the id of the first, which was applied, and be lost as a duplicate.
 */
export function pinId(text: string, format: InputFormat, idKey: string, header: string | undefined, id: string | undefined): string {
  if (format === 'ndjson') {
    if (id === undefined) return text;
    const start = text.indexOf('{');
    if (start < 0) return text;
    const rest = text.slice(start + 1);
    return `${text.slice(0, start)}{${JSON.stringify(idKey)}:${JSON.stringify(id)}${rest.trimStart().startsWith('}') ? '' : ','}${rest}`;
  }
  const columns = header === undefined ? [] : names(header);
  const at = columns.indexOf(idKey);
  if (at < 0) return `${text},${id ?? ''}`;
  if (id === undefined) return text;
  return replaceField(text, at, id);
}

/** `row` with its field `index` (empty, since the id was derived) replaced by `value`. */
function replaceField(row: string, index: number, value: string): string {
  let field = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= row.length; i++) {
    const ch = row[i];
    if (ch === '"') quoted = !quoted;
    else if ((ch === ',' && !quoted) || i === row.length) {
      if (field === index) return `${row.slice(0, start)}${value}${row.slice(i)}`;
      field++;
      start = i + 1;
    }
  }
  // Fewer fields than the header: the missing ones were empty.
  return `${row}${','.repeat(index - field + 1)}${value}`;
}
