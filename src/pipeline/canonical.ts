import { isDecimal, decimalText } from '../money/decimal.js';
import { isLosslessNumber } from '../money/json.js';
import { RECURSION_LIMIT, writeJsonIteratively, type JsonShape } from '../money/json-write.js';

/**
 * Canonical JSON text of a line's content: object keys sorted, `undefined` dropped,
 * numbers in their shortest exact decimal form (`1.50` and `1.5` are one amount). Two
 * lines that mean the same thing get the same text, hence the same derived id.
 *
 * A JS number is written by JSON.stringify: callers pass one only where it equals the
 * decimal the line wrote in that form (see json-line.ts). Written with plain loops: a bulk
 * run calls it for every line.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      // Input lines are at most 64 deep (json-depth.ts); anything deeper is still written.
      if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, canonicalShape) ?? 'null';
      if (Array.isArray(value)) return arrayJson(value, depth);
      if (isDecimal(value)) return decimalText(value);
      if (isLosslessNumber(value)) return value.value;
      return objectJson(value as Record<string, unknown>, depth);
  }
  throw new TypeError(`cannot write ${typeof value} as JSON`);
}

function arrayJson(items: unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) out += ',';
    out += item === undefined ? 'null' : canonicalJson(item, depth + 1);
  }
  return out + ']';
}

function objectJson(obj: Record<string, unknown>, depth: number): string {
  const keys = Object.keys(obj);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item = obj[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(key) + ':' + canonicalJson(item, depth + 1);
  }
  return out + '}';
}

/** What canonicalJson makes of one value, for the iterative writer (the same rules). */
function canonicalShape(value: unknown): JsonShape {
  if (value !== null && typeof value === 'object' && !isDecimal(value) && !isLosslessNumber(value)) {
    if (Array.isArray(value)) return { items: value };
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > 1) keys.sort();
    return { members: keys.filter((key) => record[key] !== undefined).map((key) => [key, record[key]] as const) };
  }
  return { leaf: value === undefined ? undefined : canonicalJson(value) };
}
