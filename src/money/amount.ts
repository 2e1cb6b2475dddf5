import { Decimal } from './decimal.js';

/** Largest magnitude of any amount, in units of its asset (DESIGN: no overflow up to 10^18). */
export const MAX_UNITS = new Decimal('1e18');

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The one grammar of an amount written as text — a JSON string in a request, a CLI
 * argument or flag, a CSV cell: an optional minus, digits, and optionally a point and
 * more digits (`10`, `-2.50`, `0.00001`). No spaces, no plus sign, no exponent, no bare
 * point: ` 5`, `+5`, `1e3` and `5.` are refused, since they are far likelier a template or
 * spreadsheet slip than a way to write money. An amount sent as a JSON *number* follows
 * JSON's grammar (a serializer may write 1e-7), read exactly all the same.
 */
export const AMOUNT_TEXT = /^-?\d+(?:\.\d+)?$/;

/** What AMOUNT_TEXT allows, for messages. */
export const AMOUNT_TEXT_RULE = 'digits with an optional minus and decimal point; no spaces, + or exponent';

/** An amount written as text (AMOUNT_TEXT), exactly; undefined for anything else. */
export function parseAmountText(text: string): Decimal | undefined {
  return AMOUNT_TEXT.test(text) ? new Decimal(text) : undefined;
}

/**
 * Parses decimal text exactly; returns undefined for anything that is not a finite decimal.
 * Lenient (spaces, `+`, exponents): for numbers in usage data, not amounts (parseAmountText).
 */
export function parseDecimalText(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) return undefined;
  const value = new Decimal(trimmed);
  return value.isFinite() ? value : undefined;
}

/** Number of fractional digits an amount really carries (trailing zeros do not count). */
export function fractionDigits(value: Decimal): number {
  return value.decimalPlaces();
}

/** Why an amount is not acceptable for an asset of this precision, or undefined when it is. */
export function amountProblem(
  value: Decimal,
  precision: number,
  sign: 'positive' | 'negative' | 'nonzero' | 'any' = 'positive',
): string | undefined {
  if (!value.isFinite()) return 'must be a finite number';
  if (value.abs().gt(MAX_UNITS)) return 'must not exceed 10^18 in magnitude';
  if (sign === 'positive' && !value.gt(0)) return 'must be greater than zero';
  if (sign === 'negative' && !value.lt(0)) return 'must be less than zero';
  if (sign === 'nonzero' && value.isZero()) return 'must not be zero';
  if (fractionDigits(value) > precision) {
    return precision === 0
      ? 'must be a whole number (the asset has precision 0)'
      : `has more than ${precision} decimal places (the asset's precision)`;
  }
  return undefined;
}

/** Formats an amount with exactly `precision` decimals; more digits are kept, never cut. */
export function formatAmount(value: Decimal, precision: number | undefined): string {
  if (precision === undefined) return value.toFixed();
  return value.toFixed(Math.max(precision, fractionDigits(value)));
}
