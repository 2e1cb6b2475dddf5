import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createRequire } from 'node:module';
import { Decimal } from '../money/decimal.js';
import { parseJsonDecimal } from '../json/parse.js';
import { JsonDepthError, assertValueDepth } from '../json/depth.js';
import { UsageError } from '../errors.js';
import { readAll } from './read-all.js';

/** Reads a file, or stdin for `-`. A missing file is a usage error naming the flag. */
export async function readTextInput(path: string, stdin: NodeJS.ReadableStream, flag = '--file'): Promise<string> {
  if (path === '-') return readAll(stdin);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

function lineOf(text: string, position: number): number {
  return text.slice(0, position).split('\n').length;
}

/** JSON with every number a Decimal; a syntax error names the file and line. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return parseJsonDecimal(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `${source}:${lineOf(text, Number(at[1]))}` : source;
    throw new UsageError(`${where}: invalid JSON: ${message}`);
  }
}

// yaml is loaded when a YAML file is read, not at startup (`credyt --help` never needs it).
const require = createRequire(import.meta.url);

/** YAML with every number a Decimal built from its source text (never through a float). */
export function parseYamlText(text: string, source: string): unknown {
  const { parseDocument, visit } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? lineOf(text, error.pos[0]);
    throw new UsageError(`${source}:${line}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number') return;
      const digits = (node.source ?? String(node.value)).replace(/_/g, '');
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(digits)) {
        const line = node.range ? lineOf(text, node.range[0]) : undefined;
        throw new UsageError(`${source}${line ? ':' + line : ''}: ${digits} is not a finite decimal number`);
      }
      node.value = new Decimal(digits);
    },
  });
  const value = doc.toJS();
  try {
    // The same limit as JSON input (src/json/depth.ts): what we send must be readable.
    assertValueDepth(value);
  } catch (error) {
    if (error instanceof JsonDepthError) throw new UsageError(`${source}: invalid YAML: ${error.message}`);
    throw error;
  }
  return value;
}

/** A JSON or YAML document, chosen by extension (or by its first character for stdin). */
export async function readDataFile(path: string, stdin: NodeJS.ReadableStream, flag = '--file'): Promise<unknown> {
  const text = await readTextInput(path, stdin, flag);
  const source = path === '-' ? '<stdin>' : path;
  const ext = extname(path).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && /^\s*[[{]/.test(text));
  return json ? parseJsonText(text, source) : parseYamlText(text, source);
}
