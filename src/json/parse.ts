import { LosslessNumber, isLosslessNumber, parse } from 'lossless-json';
import { Decimal, isDecimal } from '../money/decimal.js';
import { MAX_JSON_DEPTH, assertJsonDepth } from './depth.js';
import { keepExactDoubles, parseExactJson } from './fast-parse.js';

/**
 * Decimal-exact JSON. A JSON number never passes through `Number` unless a double holds
 * it exactly: the server side parses numbers into `Decimal`, the client side keeps them
 * as `LosslessNumber` so that what the API sent is printed back digit for digit.
 */
export { LosslessNumber, isLosslessNumber };

const toDecimalNumber = (digits: string) => new Decimal(digits);
const toLossless = (digits: string) => new LosslessNumber(digits);

/**
 * Parses JSON with every number as a `Decimal`. Throws SyntaxError on bad JSON, and
 * JsonDepthError (a SyntaxError naming the place) past `maxDepth` levels of nesting: this
 * is how input is read (request bodies, files, flags), and the full parser every fast
 * path falls back to. Rows the engine stored are read with parseStoredJson (any depth).
 */
export function parseJsonDecimal(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  assertJsonDepth(text, maxDepth);
  return parse(text, null, toDecimalNumber);
}

/** parseJsonDecimal without the depth check: for text already checked or written by us. */
export function parseJsonDecimalAnyDepth(text: string): unknown {
  return parse(text, null, toDecimalNumber);
}

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
 * A JSON document the engine stored (event data, costs, fees): numbers as Decimals, and
 * any depth, so a row stored before request depth was limited is still read.
 */
export function parseStoredJson(text: string): unknown {
  return parseExactJson(text, toDecimalNumber, parseJsonDecimalAnyDepth);
}

/**
 * JSON of one bulk input line, for kinds that only write its numbers back out with
 * canonicalJson: a number a double holds exactly as written (keepExactDoubles) comes back
 * as a JS number, any other as a Decimal, and canonicalJson writes both alike. Errors,
 * the depth limit and a repeated key are parseJsonDecimal's.
 */
export function parseJsonLine(text: string): unknown {
  return parseExactJson(text, toDecimalNumber, parseJsonDecimal, keepExactDoubles, MAX_JSON_DEPTH);
}

/** Any exact JSON number (or numeric string) as a Decimal. */
export function toDecimal(value: unknown): Decimal {
  if (isDecimal(value)) return value;
  if (isLosslessNumber(value)) return new Decimal(value.value);
  if (typeof value === 'string' || typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'number') return new Decimal(String(value));
  throw new TypeError(`not a number: ${String(value)}`);
}
