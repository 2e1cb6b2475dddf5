import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { isDecimal } from '../money/decimal.js';
import { parseJsonDecimal, parseJsonLine } from '../json/parse.js';
import { csvChunks } from './csv-input.js';
import { decodedTexts } from './decode.js';
import { RECORDS_AT_ONCE, type RawRecord } from './raw-record.js';

import { INPUT_FORMATS } from './flags.js';

export { INPUT_FORMATS };
export type { RawRecord };
export type InputFormat = (typeof INPUT_FORMATS)[number];

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
  let rest = '';
  let n = 0;
  for await (const piece of decodedTexts(stream, input)) {
    let text = rest + piece;
    if (n === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let out: R[] = [];
    let start = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
      n++;
      const end = at > start && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
      each(n, text.slice(start, end), out);
      start = at + 1;
      if (out.length === RECORDS_AT_ONCE) {
        yield out;
        out = [];
      }
    }
    rest = text.slice(start);
    if (out.length > 0) yield out;
  }
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
