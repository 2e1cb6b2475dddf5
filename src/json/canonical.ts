import * as crypto from 'node:crypto';
import { isLosslessNumber } from 'lossless-json';
import { Decimal, decimalText, isDecimal } from '../money/decimal.js';
import { quotedName } from './write.js';
import { RECURSION_LIMIT, writeJsonIteratively, type JsonShape } from './write-deep.js';

/**
 * JSON with sorted keys and numbers in their shortest exact form, so two values that mean
 * the same (key order, `1.0` vs `1`) give the same text. Absent (undefined) members drop out.
 *
 * Its text is hashed where it must never change: the request hashes of stored usage
 * events (a replay would turn from `duplicate` into `conflict`), and the ids a bulk run
 * derives from each line (a rerun would post the line again).
 * test/unit/json/canonical.test.ts pins it.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, canonicalShape) ?? 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      // A safe integer's shortest exact text is its own; anything else goes through Decimal
      // (no exponent: 1e21 is written out in full, as its Decimal would be).
      if (Number.isSafeInteger(value)) return Object.is(value, -0) ? '0' : String(value);
      return Number.isFinite(value) ? decimalText(new Decimal(value)) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      // A function, symbol or bigint is not in any value read from JSON.
      throw new TypeError(`cannot write a ${typeof value} as canonical JSON`);
  }
  if (value === null) return 'null';
  if (isDecimal(value)) return decimalText(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i], depth + 1);
    return `${out}]`;
  }
  if (isLosslessNumber(value)) return decimalText(new Decimal(value.value));
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const member = record[keys[i]];
    if (member === undefined) continue;
    out += `${first ? '' : ','}${quotedName(keys[i])}:${canonicalJson(member, depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * JSON.stringify of a string: most texts (ids, types, times) need no escape and are only
 * quoted, found by one scan, which is cheaper than JSON.stringify's call for short texts.
 * A quote, a backslash, a control character or any surrogate (a lone one is escaped) takes
 * JSON.stringify.
 */
export function jsonString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** Keys up to this many are sorted by insertion, which allocates nothing; more by Array#sort. */
const FEW_KEYS = 16;

/**
 * The record's own enumerable keys in Array#sort's default order (by UTF-16 code units, as
 * `<` compares strings; keys are distinct). Event data has a few keys, and Array#sort
 * allocates its work space even for two.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  const n = keys.length;
  if (n > FEW_KEYS) return keys.sort();
  for (let i = 1; i < n; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What canonicalJson makes of one value, for the iterative writer (the same rules). */
function canonicalShape(value: unknown): JsonShape {
  if (value !== null && typeof value === 'object' && !isDecimal(value) && !isLosslessNumber(value)) {
    if (Array.isArray(value)) return { items: value };
    const record = value as Record<string, unknown>;
    const keys = sortedKeys(record);
    return { members: keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]] as const) };
  }
  return { leaf: canonicalJson(value) };
}

/** `crypto.hash` (Node ≥ 20.12): one call, no Hash object; the same digest as createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Hex SHA-256 of a text: the engine's request hashes. */
export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
