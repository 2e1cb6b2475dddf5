import { UsageError } from '../errors.js';
import { setMember } from '../json/own-member.js';
import { RECORDS_AT_ONCE, type RawRecord } from './raw-record.js';
import { decodedTexts } from './decode.js';

/*
 * CSV input of the bulk commands (see openInput, input.ts): plain lines split here, any
 * other line and all after it read by csv-parse.
 */

/** What the CSV reader reads and fills in of an opened input (input.ts). */
interface Input {
  source: string;
  /** The header line, once read. */
  header?: string;
  bytesRead: number;
}

/** csv-parse drops a `__proto__` column (it assigns records member by member): renamed on the way in, back on the way out. */
const PROTO_COLUMN = '\u0000__proto__';

/** What csv-parse tells `on_record` of a record (the documented context of a record). */
interface CsvRecordContext {
  lines: number;
  raw?: string;
  error?: { code: string; message?: string };
}

/**
 * The header's column names, as csv-parse is given them (a `__proto__` column renamed), or
 * the error a repeated name makes; `input.header` is set to the header as read.
 */
function csvColumns(header: string[], input: Input): { names: string[]; error?: UsageError } {
  input.header = header.join(',');
  const names = header.map((h) => h.trim());
  // csv-parse would keep the last of two same-named columns: refuse, as NDJSON refuses a repeated key.
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  const error = repeated === undefined ? undefined : new UsageError(`${input.source}: the CSV header names column "${repeated}" twice.`);
  return { names: names.map((name) => (name === '__proto__' ? PROTO_COLUMN : name)), error };
}

/**
 * CSV with a header row; a bad record is reported, never fatal. Lines of plain fields (no
 * quote, no carriage return, no space at either end of a field, as many fields as the
 * header) are split here, a few times cheaper than csv-parse; from the first other line
 * on, csv-parse reads the rest (csvParsed), fed first the header and as many empty lines
 * as were read, so its line numbers and messages are what they would have been.
 */
export async function* csvChunks(stream: NodeJS.ReadableStream, input: Input, keepText: boolean): AsyncGenerator<RawRecord[]> {
  const texts = decodedTexts(stream, input);
  try {
    yield* csvRead(texts, input, keepText);
  } finally {
    // A run that stops reading early ends the stream, as leaving a `for await` of it would.
    await texts.return(undefined);
  }
}

/** csvChunks over decoded text: plain lines here, the rest through csv-parse. */
async function* csvRead(texts: AsyncGenerator<string>, input: Input, keepText: boolean): AsyncGenerator<RawRecord[]> {
  let rest = '';
  let n = 0;
  let lastLine = 1;
  let bom = '';
  let headerLine = '';
  let names: string[] | undefined;
  /** Blank lines since the last record. */
  let blanks = 0;
  // Where csv-parse takes over: the text from the first line not read here.
  let handover: string | undefined;
  /** Reads one line, or answers false (and reads nothing) when csv-parse must. */
  const line = (text: string, out: RawRecord[]): boolean => {
    if (text.includes('"') || text.includes('\r')) return false;
    if (names === undefined) {
      const header = text.split(',');
      if (text === '' || !header.every(plainField) || header.includes('')) return false;
      const columns = csvColumns(header, input);
      if (columns.error) throw columns.error;
      names = columns.names;
      headerLine = text;
      n++;
      return true;
    }
    if (text === '') {
      n++;
      blanks++;
      return true;
    }
    const fields = text.split(',');
    if (fields.length !== names.length || !fields.every(plainField)) return false;
    n++;
    const value: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const cell = fields[i]!;
      if (cell !== '') setMember(value, names[i] === PROTO_COLUMN ? '__proto__' : names[i]!, cell);
    }
    // csv-parse's raw text of a record starts with the blank lines skipped before it.
    out.push({ line: lastLine + 1, text: keepText ? (blanks > 0 ? '\n'.repeat(blanks) + text : text) : '', value });
    lastLine = n;
    blanks = 0;
    return true;
  };
  // Not `for await`: leaving that loop would end the stream csv-parse reads on from.
  for (let next = await texts.next(); !next.done; next = await texts.next()) {
    let text = next.value;
    if (n === 0 && rest === '' && text.charCodeAt(0) === 0xfeff) {
      bom = '\ufeff';
      text = text.slice(1);
    }
    text = rest + text;
    let out: RawRecord[] = [];
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      if (!line(text.slice(start, at), out)) {
        handover = text.slice(start);
        break;
      }
      start = at + 1;
      if (out.length === RECORDS_AT_ONCE) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
    if (handover !== undefined) break;
    rest = text.slice(start);
  }
  if (handover === undefined) {
    if (rest === '') return;
    const out: RawRecord[] = [];
    if (line(rest, out)) {
      if (out.length > 0) yield out;
      return;
    }
    handover = rest;
  }
  // The lines read here, again, as csv-parse would have seen them before the handover.
  const before = names === undefined ? bom : `${bom}${headerLine}\n${'\n'.repeat(n - 1)}`;
  yield* csvParsed(
    (async function* () {
      yield before + handover;
      yield* texts;
    })(),
    input,
    keepText,
    lastLine,
    names === undefined ? 0 : n - 1 - blanks,
  );
}

/** A field csv-parse's `trim` leaves as it is: no blank at either end. */
function plainField(field: string): boolean {
  if (field === '') return true;
  const first = field.charCodeAt(0);
  const last = field.charCodeAt(field.length - 1);
  if (first <= 32 || last <= 32) return false;
  // trim takes Unicode spaces off the end (and csv-parse only ASCII ones off the start).
  return last < 0x80 || field.trimEnd().length === field.length;
}

/**
 * CSV text parsed by csv-parse, its records taken in its `on_record` hook as each is
 * parsed (and filtered out of the stream): a whole read's records come out together, in
 * file order with the skipped ones, and nothing goes through the parser's readable side
 * one record at a time. `lastLine`: the line of the last record before this text;
 * `extra`: the empty lines of the text that stand for lines read already, not to be
 * written out again as the start of its first record's text.
 */
async function* csvParsed(texts: AsyncIterable<string>, input: Input, keepText: boolean, lastLine: number, extra = 0): AsyncGenerator<RawRecord[]> {
  const own = (raw: string) => {
    const text = extra > 0 ? raw.slice(extra) : raw;
    extra = 0;
    return text;
  };
  const { parse } = await import('csv-parse');
  let out: RawRecord[] = [];
  let badHeader: UsageError | undefined;
  const parser = parse({
    columns: (header: string[]) => {
      const columns = csvColumns(header, input);
      badHeader = columns.error;
      return columns.names;
    },
    // A line's text is kept only where it may be written out again (--rejects).
    raw: keepText,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: { message: string; lines?: number } | undefined, raw?: string) => {
      const text = own(raw ?? '').replace(/\r?\n$/, '');
      out.push({ line: lastLine + 1, text, error: error?.message ?? 'unreadable CSV record' });
      if (error?.lines) lastLine = error.lines;
    },
    on_record: (parsed: Record<string, string> | { record: Record<string, string> }, context: CsvRecordContext) => {
      // With `raw`, csv-parse hands over { record, raw }.
      const record = (keepText ? (parsed as { record: Record<string, string> }).record : parsed) as Record<string, string>;
      const text = own(context.raw ?? '').replace(/\r?\n$/, '');
      const line = lastLine + 1;
      lastLine = context.lines;
      if (context.error) {
        const wrongCount = context.error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS';
        // Count the line's own fields: the record keyed by the header never has more keys
        // than the header, so a 9-field line read as "expected 8, found 8".
        const found = (context.error as { record?: unknown }).record;
        const expected = (context.error as { columns?: unknown }).columns;
        const count = (v: unknown, fallback: number) => (Array.isArray(v) ? v.length : fallback);
        out.push({
          line,
          text,
          error: wrongCount
            ? `expected ${count(expected, input.header?.split(',').length ?? 0)} columns, found ${count(found, Object.keys(record).length)}`
            : (context.error.message ?? context.error.code),
        });
        return undefined;
      }
      const value: Record<string, unknown> = {};
      for (const key in record) {
        const cell = record[key]!;
        if (cell !== '') setMember(value, key === PROTO_COLUMN ? '__proto__' : key, cell);
      }
      out.push({ line, text, value });
      return undefined;
    },
  });
  let failure: Error | undefined;
  parser.on('error', (error: Error) => (failure ??= error));
  // Nothing is pushed to the readable side; reading it lets the parser end.
  parser.resume();
  const write = (chunk?: string) =>
    new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : failure ? reject(failure) : resolve());
      if (chunk === undefined) parser.end(done);
      else parser.write(chunk, done);
    });
  for await (const chunk of texts) {
    await write(chunk);
    if (badHeader) throw badHeader;
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  await write();
  if (badHeader) throw badHeader;
  if (out.length > 0) yield out;
}
