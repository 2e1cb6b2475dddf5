import { LosslessNumber, isLosslessNumber, parse, stringify } from 'lossless-json';
import { Decimal, decimalText, isDecimal } from './decimal.js';

/**
 * Decimal-exact JSON. A JSON number never passes through `Number`: the server side parses
 * numbers into `Decimal`, the client side keeps them as `LosslessNumber` so that what the
 * API sent is printed back digit for digit.
 */
export { LosslessNumber, isLosslessNumber };

const numberStringifiers = [
  { test: (v: unknown) => isDecimal(v), stringify: (v: unknown) => decimalText(v as Decimal) },
];

/** Parses JSON with every number as a `Decimal`. Throws SyntaxError on bad JSON. */
export function parseJsonDecimal(text: string): unknown {
  return parse(text, null, (digits: string) => new Decimal(digits));
}

/** Parses JSON with every number as a `LosslessNumber` (its original text kept). */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (digits: string) => new LosslessNumber(digits));
}

/** Writes JSON; `Decimal` and `LosslessNumber` values are written as exact JSON numbers. */
export function stringifyJson(value: unknown, space?: number): string {
  return stringify(value, null, space, numberStringifiers) ?? 'null';
}

/** Any exact JSON number (or numeric string) as a Decimal. */
export function toDecimal(value: unknown): Decimal {
  if (isDecimal(value)) return value;
  if (isLosslessNumber(value)) return new Decimal(value.value);
  if (typeof value === 'string' || typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'number') return new Decimal(String(value));
  throw new TypeError(`not a number: ${String(value)}`);
}
