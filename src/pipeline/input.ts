import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from '../errors.js';
import { isDecimal } from '../money/decimal.js';
import { parseJsonDecimal, parseJsonLine } from '../json/parse.js';
import { setMember } from '../json/own-member.js';

/** csv-parse drops a `__proto__` column (it assigns records member by member): renamed on the way in, back on the way out. */
const PROTO_COLUMN = '\u0000__proto__';

import { INPUT_FORMATS } from './flags.js';

export { INPUT_FORMATS };
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One input line (a CSV record may span lines): its parsed fields, or why it could not be read. */
export interface RawRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** The line as read, without its line break: written verbatim to a rejects file. */
  text: string;
  value?: Record<string, unknown>;
  error?: string;
}

/** An opened input: its records as a stream, and how far reading has got. */
export interface Input {
  source: string;
  format: InputFormat;
  /** Size in bytes when it is a regular file (for the progress bar's ETA). */
  size?: number;
  /** CSV: the header line, so a rejects file can be fed back as is. */
  header?: string;
  bytesRead: number;
  records(): AsyncGenerator<RawRecord>;
  /** The same records, a chunk's worth at a time: a bulk run pays one await per chunk, not per line. */
  chunks(): AsyncGenerator<RawRecord[]>;
  close(): Promise<void>;
}

export interface InputOptions {
  /** The flag named in errors. */
  flag?: string;
  /**
   * NDJSON numbers that a double holds exactly may come as JS numbers (see parseJsonLine, src/json/parse.ts),
   * the others as Decimal: for kinds that only write numbers back out (canonicalJson).
   */
  plainNumbers?: boolean;
  /** Whether each record's text is wanted (default true): CSV reads cheaper without it. */
  keepText?: boolean;
}

/** `--format`, else the extension: `.csv` is CSV, anything else (and stdin) NDJSON. */
export function guessFormat(path: string, format?: string): InputFormat {
  if (format !== undefined) {
    if (!(INPUT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be ${INPUT_FORMATS.join(' or ')} (got "${format}").`);
    }
    return format as InputFormat;
  }
  const ext = extname(path).toLowerCase();
  return ext === '.csv' || ext === '.tsv' ? 'csv' : 'ndjson';
}

/**
 * Opens `path` (or stdin for `-`) as a stream of records: memory stays bounded by one
 * chunk and one line whatever the size of the input.
 * @throws UsageError naming the flag when the file cannot be opened
 */
export async function openInput(path: string, stdin: NodeJS.ReadableStream, format: InputFormat, options: InputOptions = {}): Promise<Input> {
  const flag = options.flag ?? '--file';
  const parse = options.plainNumbers ? parseJsonLine : parseJsonDecimal;
  const source = path === '-' ? '<stdin>' : path;
  let stream: NodeJS.ReadableStream;
  let size: number | undefined;
  let close = async () => {};
  if (path === '-') {
    stream = stdin;
  } else {
    try {
      const handle = await open(path, 'r');
      const stat = await handle.stat();
      if (stat.isDirectory()) {
        await handle.close();
        throw new UsageError(`${flag} ${path}: is a directory`);
      }
      if (stat.isFile()) size = stat.size;
      stream = handle.createReadStream({ highWaterMark: 256 * 1024 });
      close = async () => {
        (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      };
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
  }
  const input: Input = {
    source,
    format,
    size,
    bytesRead: 0,
    chunks: () => (format === 'csv' ? csvChunks(stream, input, options.keepText ?? true) : ndjsonChunks(stream, input, parse)),
    async *records() {
      for await (const chunk of input.chunks()) yield* chunk;
    },
    close,
  };
  return input;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDecimal(value);
}

/**
 * Lines split by hand, a chunk at a time: several times faster than readline, and a last
 * line without `\n` still counts. `each(line number, text)` is called for every line.
 */
async function* lineChunks<R>(stream: NodeJS.ReadableStream, input: Input, each: (line: number, text: string, out: R[]) => void): AsyncGenerator<R[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer | string;
    input.bytesRead += typeof buf === 'string' ? Buffer.byteLength(buf) : buf.length;
    let text = rest + (typeof buf === 'string' ? buf : decoder.write(buf));
    if (n === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const out: R[] = [];
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      n++;
      const end = at > start && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
      each(n, text.slice(start, end), out);
      start = at + 1;
    }
    rest = text.slice(start);
    if (out.length > 0) yield out;
  }
  rest += decoder.end();
  if (rest !== '') {
    const out: R[] = [];
    each(n + 1, rest.endsWith('\r') ? rest.slice(0, -1) : rest, out);
    if (out.length > 0) yield out;
  }
}

function ndjsonChunks(stream: NodeJS.ReadableStream, input: Input, parse: (text: string) => unknown): AsyncGenerator<RawRecord[]> {
  return lineChunks<RawRecord>(stream, input, (line, text, out) => {
    if (isBlank(text)) return;
    let value: unknown;
    try {
      value = parse(text);
    } catch (error) {
      out.push({ line, text, error: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    if (!isObject(value)) out.push({ line, text, error: 'expected a JSON object' });
    else out.push({ line, text, value });
  });
}

/** `text.trim() === ''`, without a trimmed copy of every line: a line starting with printable ASCII is not blank. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  return text.length === 0 || ((first <= 32 || first >= 0x80) && text.trim() === '');
}

/** What csv-parse tells `on_record` of a record (the documented context of a record). */
interface CsvRecordContext {
  lines: number;
  raw?: string;
  error?: { code: string; message?: string };
}

/** Decoded text of a stream, counting its bytes into `input.bytesRead`. */
async function* decoded(stream: NodeJS.ReadableStream, input: Input): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) {
    const buf = chunk as Buffer | string;
    input.bytesRead += typeof buf === 'string' ? Buffer.byteLength(buf) : buf.length;
    const text = typeof buf === 'string' ? buf : decoder.write(buf);
    if (text !== '') yield text;
  }
  const last = decoder.end();
  if (last !== '') yield last;
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
async function* csvChunks(stream: NodeJS.ReadableStream, input: Input, keepText: boolean): AsyncGenerator<RawRecord[]> {
  const texts = decoded(stream, input);
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
    const out: RawRecord[] = [];
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      if (!line(text.slice(start, at), out)) {
        handover = text.slice(start);
        break;
      }
      start = at + 1;
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
