import { isLosslessNumber, toDecimal } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';
import { isDecimal, decimalText } from '../money/decimal.js';
import { formatAmount } from '../money/amount.js';

/** A value as plain text, exactly as received (numbers keep every digit). */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isLosslessNumber(value)) return value.value;
  if (isDecimal(value)) return decimalText(value);
  if (typeof value === 'object') return objectText(value);
  return String(value);
}

/** An amount shown at its asset's precision (never rounded: extra digits are kept). */
export function amountText(value: unknown, precision: number | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  try {
    return formatAmount(toDecimal(value), precision);
  } catch {
    return plainText(value);
  }
}

/** JSON.stringify recurses: a value nested deeper than the stack allows is written without. */
function objectText(value: object): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return stringifyJson(value);
    throw error;
  }
}
