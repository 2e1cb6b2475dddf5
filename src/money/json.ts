import { LosslessNumber, isLosslessNumber, parse, stringify } from 'lossless-json';
import { Decimal, decimalText, isDecimal } from './decimal.js';
import { MAX_JSON_DEPTH, assertJsonDepth } from './json-depth.js';
import { writeJsonIteratively, type JsonShape } from './json-write.js';
import { parseExactJson } from './exact-parse.js';

/**
 * Decimal-exact JSON. A JSON number never passes through `Number`: the server side parses
 * numbers into `Decimal`, the client side keeps them as `LosslessNumber` so that what the
 * API sent is printed back digit for digit.
 */
export { LosslessNumber, isLosslessNumber };

const numberStringifiers = [
  { test: (v: unknown) => isDecimal(v), stringify: (v: unknown) => decimalText(v as Decimal) },
];

/**
 * Parses JSON with every number as a `Decimal`. Throws SyntaxError on bad JSON, and
 * JsonDepthError (a SyntaxError naming the place) past `maxDepth` levels of nesting: this
 * is how input is read (request bodies, files, flags). Rows the engine stored are read with
 * `parseStoredJson` (src/engine/exact-json.ts), which takes any depth.
 */
export function parseJsonDecimal(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  assertJsonDepth(text, maxDepth);
  return parse(text, null, (digits: string) => new Decimal(digits));
}

/** parseJsonDecimal without the depth check: for text already checked or written by us. */
export function parseJsonDecimalAnyDepth(text: string): unknown {
  return parse(text, null, (digits: string) => new Decimal(digits));
}

const toLossless = (digits: string) => new LosslessNumber(digits);
const parseLossless = (text: string) => parse(text, null, toLossless);

/**
 * Parses JSON with every number as a `LosslessNumber` (its original text kept): how the
 * client reads answers. lossless-json recurses; an answer nested too deep for it (a row a
 * server stored before it limited depth) is read by the native parser's fast path instead.
 */
export function parseJsonLossless(text: string): unknown {
  try {
    return parseLossless(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return parseExactJson(text, toLossless, parseLossless);
  }
}

/**
 * Writes JSON; `Decimal` and `LosslessNumber` values are written as exact JSON numbers.
 * lossless-json recurses: a value nested too deep for the stack (a row stored before
 * input depth was limited) is written again without recursion, the same text.
 */
export function stringifyJson(value: unknown, space?: number): string {
  try {
    return stringify(value, null, space, numberStringifiers) ?? 'null';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return writeJsonIteratively(value, losslessShape, space ? ' '.repeat(Math.min(space, 10)) : '') ?? 'null';
  }
}

/** What lossless-json's stringify makes of a value (with our Decimal stringifier). */
function losslessShape(value: unknown): JsonShape {
  if (isDecimal(value)) return { leaf: decimalText(value) };
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string' || value === null) {
    return { leaf: JSON.stringify(value) };
  }
  if (value instanceof Date || value instanceof Boolean || value instanceof Number || value instanceof String) {
    return { leaf: JSON.stringify(value) };
  }
  if (isLosslessNumber(value) || typeof value === 'bigint') return { leaf: value.toString() };
  if (Array.isArray(value)) return { items: value };
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown> & { toJSON?: () => unknown };
    if (typeof record.toJSON === 'function') return losslessShape(record.toJSON());
    return { members: Object.keys(record).map((key) => [key, record[key]] as const) };
  }
  return { leaf: undefined };
}

/** Any exact JSON number (or numeric string) as a Decimal. */
export function toDecimal(value: unknown): Decimal {
  if (isDecimal(value)) return value;
  if (isLosslessNumber(value)) return new Decimal(value.value);
  if (typeof value === 'string' || typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'number') return new Decimal(String(value));
  throw new TypeError(`not a number: ${String(value)}`);
}
