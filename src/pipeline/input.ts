import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from '../errors.js';
import { isDecimal } from '../money/decimal.js';
import { parseJsonDecimal } from '../money/json.js';

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
  close(): Promise<void>;
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
export async function openInput(path: string, stdin: NodeJS.ReadableStream, format: InputFormat, flag = '--file'): Promise<Input> {
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
    records: () => (format === 'csv' ? csvRecords(stream, input) : ndjsonRecords(stream, input)),
    close,
  };
  return input;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDecimal(value);
}

/** Lines split by hand: several times faster than readline, and a last line without `\n` still counts. */
async function* lines(stream: NodeJS.ReadableStream, input: Input): AsyncGenerator<[number, string]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer | string;
    input.bytesRead += typeof buf === 'string' ? Buffer.byteLength(buf) : buf.length;
    let text = rest + (typeof buf === 'string' ? buf : decoder.write(buf));
    if (n === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      n++;
      const end = at > start && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
      yield [n, text.slice(start, end)];
      start = at + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest !== '') yield [n + 1, rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

async function* ndjsonRecords(stream: NodeJS.ReadableStream, input: Input): AsyncGenerator<RawRecord> {
  for await (const [line, text] of lines(stream, input)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = parseJsonDecimal(text);
    } catch (error) {
      yield { line, text, error: `invalid JSON: ${(error as Error).message}` };
      continue;
    }
    if (!isObject(value)) yield { line, text, error: 'expected a JSON object' };
    else yield { line, text, value };
  }
}

interface CsvRow {
  record: Record<string, string>;
  raw: string;
  info: { lines: number; error?: { code: string; message?: string } };
}

/** CSV with a header row, parsed by csv-parse; a bad record is reported, never fatal. */
async function* csvRecords(stream: NodeJS.ReadableStream, input: Input): AsyncGenerator<RawRecord> {
  const { parse } = await import('csv-parse');
  const skipped: RawRecord[] = [];
  let lastLine = 1;
  const parser = parse({
    columns: (header: string[]) => {
      input.header = header.join(',');
      return header.map((h) => h.trim());
    },
    raw: true,
    info: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: { message: string; lines?: number } | undefined, raw?: string) => {
      const text = (raw ?? '').replace(/\r?\n$/, '');
      skipped.push({ line: lastLine + 1, text, error: error?.message ?? 'unreadable CSV record' });
      if (error?.lines) lastLine = error.lines;
    },
  });
  const counting = async function* () {
    for await (const chunk of stream) {
      input.bytesRead += (chunk as Buffer).length;
      yield chunk;
    }
  };
  const piped = (await import('node:stream')).Readable.from(counting()).pipe(parser);
  stream.on?.('error', (error: Error) => parser.destroy(error));
  for await (const row of piped as AsyncIterable<CsvRow>) {
    while (skipped.length > 0) yield skipped.shift()!;
    const text = row.raw.replace(/\r?\n$/, '');
    const line = lastLine + 1;
    lastLine = row.info.lines;
    if (row.info.error) {
      const wrongCount = row.info.error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS';
      yield { line, text, error: wrongCount ? `expected ${input.header?.split(',').length} columns, found ${Object.keys(row.record).length}` : (row.info.error.message ?? row.info.error.code) };
      continue;
    }
    const value: Record<string, unknown> = {};
    for (const [key, cell] of Object.entries(row.record)) if (cell !== '') value[key] = cell;
    yield { line, text, value };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}
