import { createHash } from 'node:crypto';
import { Decimal, decimalText, isDecimal } from '../money/decimal.js';

/**
 * JSON with sorted keys and numbers in their shortest exact form, so two bodies that mean
 * the same (key order, `1.0` vs `1`) hash the same. Absent (undefined) members drop out.
 */
export function canonicalJson(value: unknown): string {
  if (isDecimal(value)) return decimalText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? decimalText(new Decimal(value)) : 'null';
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
