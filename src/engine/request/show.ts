import { decimalText, isDecimal } from '../../money/decimal.js';

const MAX_SHOWN = 60;

/**
 * A bad value as it appears in a validation message: short enough for one line, exact
 * enough to recognise (decimals in plain notation unless absurdly long).
 */
export function show(value: unknown): string {
  if (isDecimal(value)) {
    // Decide by the exponent first: plain text of 1e999999999 would be a billion digits.
    const plain = value.isFinite() && Math.abs(value.e) < MAX_SHOWN && value.sd() < MAX_SHOWN;
    return plain ? decimalText(value) : value.toExponential();
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
