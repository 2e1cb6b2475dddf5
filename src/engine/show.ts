import { decimalText, isDecimal } from '../money/decimal.js';

const MAX_SHOWN = 60;

/**
 * A bad value as it appears in a validation message: short enough for one line, exact
 * enough to recognise (decimals in plain notation unless absurdly long).
 */
export function show(value: unknown): string {
  if (isDecimal(value)) {
    const text = decimalText(value);
    return text.length <= MAX_SHOWN ? text : value.toExponential();
  }
  if (typeof value === 'string') {
    const text = JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
    return text;
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
