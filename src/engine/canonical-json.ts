import * as crypto from 'node:crypto';
import { Decimal, decimalText, isDecimal } from '../money/decimal.js';
import { quotedName } from './exact-json.js';
import { RECURSION_LIMIT, writeJsonIteratively, type JsonShape } from '../money/json-write.js';

/**
 * JSON with sorted keys and numbers in their shortest exact form, so two bodies that mean
 * the same (key order, `1.0` vs `1`) hash the same. Absent (undefined) members drop out.
 * Stored request hashes are of this text: its output must never change (a replay would
 * turn from `duplicate` into `conflict`); test/unit/engine/canonical-json.test.ts pins it.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, canonicalShape) ?? 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // A safe integer's shortest exact text is its own; anything else goes through Decimal.
      if (Number.isSafeInteger(value)) return Object.is(value, -0) ? '0' : String(value);
      return Number.isFinite(value) ? decimalText(new Decimal(value)) : 'null';
    case 'undefined':
      return 'null';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (isDecimal(value)) return decimalText(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i], depth + 1);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
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

/** What canonicalJson makes of one value, for the iterative writer (the same rules). */
function canonicalShape(value: unknown): JsonShape {
  if (value !== null && typeof value === 'object' && !isDecimal(value)) {
    if (Array.isArray(value)) return { items: value };
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 1) keys.sort();
    return { members: keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]] as const) };
  }
  return { leaf: canonicalJson(value) };
}

/** `crypto.hash` (Node ≥ 20.12): one call, no Hash object; the same digest as createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
