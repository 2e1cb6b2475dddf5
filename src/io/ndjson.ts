import { UsageError } from '../errors.js';
import { parseJsonDecimal } from '../json/parse.js';
import { readTextInput } from './data-file.js';

export interface NdjsonLine {
  /** 1-based line number in the input. */
  line: number;
  value: unknown;
  text: string;
}

/** Every non-blank line of an NDJSON file (or stdin), numbers as Decimals. */
export async function readNdjson(path: string, stdin: NodeJS.ReadableStream, flag = '--file'): Promise<NdjsonLine[]> {
  const text = await readTextInput(path, stdin, flag);
  const source = path === '-' ? '<stdin>' : path;
  const lines: NdjsonLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '') return;
    try {
      lines.push({ line: index + 1, value: parseJsonDecimal(trimmed), text: raw });
    } catch (error) {
      throw new UsageError(`${source}:${index + 1}: invalid JSON: ${(error as Error).message}`);
    }
  });
  if (lines.length === 0) throw new UsageError(`${flag} ${path}: no events in the input.`);
  return lines;
}
