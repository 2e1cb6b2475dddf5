import { isDecimal, decimalText } from '../money/decimal.js';
import { isLosslessNumber } from '../money/json.js';

/**
 * Canonical JSON text of a line's content: object keys sorted, `undefined` dropped,
 * numbers in their shortest exact decimal form (`1.50` and `1.5` are one amount). Two
 * lines that mean the same thing get the same text, hence the same derived id.
 *
 * A JS number is written by JSON.stringify: callers pass one only where it equals the
 * decimal the line wrote in that form (see json-line.ts). Written with plain loops: a bulk
 * run calls it for every line.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayJson(value);
      if (isDecimal(value)) return decimalText(value);
      if (isLosslessNumber(value)) return value.value;
      return objectJson(value as Record<string, unknown>);
  }
  throw new TypeError(`cannot write ${typeof value} as JSON`);
}

function arrayJson(items: unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) out += ',';
    out += item === undefined ? 'null' : canonicalJson(item);
  }
  return out + ']';
}

function objectJson(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const key of keys) {
    const item = obj[key];
    if (item === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(key) + ':' + canonicalJson(item);
  }
  return out + '}';
}
