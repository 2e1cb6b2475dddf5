import { isDecimal, decimalText } from '../money/decimal.js';
import { isLosslessNumber } from '../money/json.js';

/**
 * Canonical JSON text of a line's content: object keys sorted, `undefined` dropped,
 * numbers in their shortest exact decimal form (`1.50` and `1.5` are one amount). Two
 * lines that mean the same thing get the same text, hence the same derived id.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return JSON.stringify(value);
  if (isDecimal(value)) return decimalText(value);
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot write ${typeof value} as JSON`);
}
