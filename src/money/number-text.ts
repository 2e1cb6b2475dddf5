import { Decimal } from './decimal.js';

/** JSON's number grammar: no `+`, no leading zeros, no bare `.5` or `5.`. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
/**
 * Past 10^±1000 text stays text: requests write numbers out in full, and 1e99999999 so
 * written is 100 MB, refused as too large only after a long wait. No quantity comes near.
 */
const MAX_EXPONENT = 1000;

/**
 * The one number grammar of event data fields, wherever the text comes from (`--data`,
 * a CSV cell, a string in NDJSON or a JSON body): JSON's number grammar, surrounding
 * whitespace ignored (a CSV cell is trimmed anyway), and -0 is 0. `" 5"` and `"1e3"` are
 * numbers; `"+5"`, `"007"`, `".5"`, `""` and `"1e5000"` are not.
 */
export function parseNumberText(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (!JSON_NUMBER.test(trimmed)) return undefined;
  const value = new Decimal(trimmed);
  if (!value.isFinite() || Math.abs(value.e) > MAX_EXPONENT) return undefined;
  return value.isZero() ? new Decimal(0) : value;
}
