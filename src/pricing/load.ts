import { open } from 'node:fs/promises';
import { JsonDepthError, assertValueDepth } from '../json/depth.js';
import { Alias, LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { Decimal } from '../money/decimal.js';
import { CredytError, ExitCode, UsageError } from '../errors.js';
import { readAll } from '../io/read-all.js';
import type { LoadedFile, Path, PricingFile, Problem } from './model.js';
import { schemaProblems } from './schema.js';

/**
 * A pricing file is a few kilobytes; anything past this is refused before it is parsed
 * (documented in docs/pricing-as-code.md), so a stray 50 MB file costs nothing.
 */
export const MAX_PRICING_FILE_BYTES = 4 * 1024 * 1024;
/** yaml's guard against alias expansion ("billion laughs"); a real file uses a handful. */
export const MAX_ALIAS_COUNT = 100;

/** A file that cannot be used: every problem with its line. Exit 5, nothing is sent. */
export class PricingFileError extends CredytError {
  constructor(
    readonly source: string,
    readonly problems: Problem[],
  ) {
    super(problemsText(source, problems), ExitCode.Validation);
  }
}

/** `file.yaml:12: products[0].prices[0].pricing[0].asset: …`, one line per problem. */
export function problemsText(source: string, problems: Problem[]): string {
  const lines = problems.map((p) => `${source}${p.line ? ':' + p.line : ''}: ${p.message}`);
  return lines.length === 1 ? lines[0]! : `${problems.length} problems\n${lines.join('\n')}`;
}

async function readBounded(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  const tooBig = (size: number) =>
    new PricingFileError(path === '-' ? '<stdin>' : path, [
      {
        path: [],
        message: `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; pricing files are limited to ${MAX_PRICING_FILE_BYTES / 1024 / 1024} MiB`,
      },
    ]);
  if (path === '-') {
    const text = await readAll(stdin);
    if (Buffer.byteLength(text) > MAX_PRICING_FILE_BYTES) throw tooBig(Buffer.byteLength(text));
    return text;
  }
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new UsageError(`${path}: not a file`);
    if (stat.size > MAX_PRICING_FILE_BYTES) throw tooBig(stat.size);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function nodeAt(doc: Document, path: Path, key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    if (node instanceof Alias) node = node.resolve(doc);
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) return undefined;
      node = key && i === path.length - 1 ? pair.key : pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

/**
 * Parses YAML or JSON (JSON is read by the same YAML 1.2 parser, so its problems have
 * lines too). Every number becomes a Decimal from its source digits, never via a float.
 * @throws PricingFileError (exit 5) for a file too large, invalid YAML or JSON, too many aliases
 */
export function parsePricingText(text: string, source: string): LoadedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: true, prettyErrors: false, lineCounter, uniqueKeys: true });
  const line = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    throw new PricingFileError(
      source,
      doc.errors.slice(0, 20).map((e) => ({ path: [], line: line(e.pos[0]), message: `invalid YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  const problems: Problem[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number') return;
      const digits = (node.source ?? String(node.value)).replace(/_/g, '');
      if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(digits)) {
        problems.push({ path: [], line: node.range ? line(node.range[0]) : undefined, message: `${digits} is not a finite decimal number` });
        return;
      }
      node.value = new Decimal(digits);
    },
  });
  if (problems.length > 0) throw new PricingFileError(source, problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new PricingFileError(source, [
      { path: [], message: `refused: ${(error as Error).message} (at most ${MAX_ALIAS_COUNT} alias expansions)` },
    ]);
  }
  try {
    // The same nesting limit as every other input (src/json/depth.ts).
    assertValueDepth(data);
  } catch (error) {
    if (!(error instanceof JsonDepthError)) throw error;
    throw new PricingFileError(source, [{ path: [], message: error.message }]);
  }
  return {
    source,
    text,
    data,
    lineOf(path, key = false) {
      const node = nodeAt(doc, path, key);
      return node?.range ? line(node.range[0]) : undefined;
    },
  };
}

/** Reads, parses and schema-checks a pricing file. */
export async function loadPricingFile(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<{ file: PricingFile; loaded: LoadedFile }> {
  const source = path === '-' ? '<stdin>' : path;
  const text = await readBounded(path, stdin);
  const loaded = parsePricingText(text, source);
  const problems = schemaProblems(loaded);
  if (problems.length > 0) throw new PricingFileError(source, problems);
  const data = loaded.data as Partial<PricingFile> | null;
  const file: PricingFile = { assets: data?.assets ?? [], products: data?.products ?? [], tests: data?.tests ?? [] };
  return { file, loaded };
}
