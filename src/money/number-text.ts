import { Decimal } from './decimal.js';

/** JSON's number grammar: no `+`, no leading zeros, no bare `.5` or `5.`. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The one number grammar of event data fields, wherever the text comes from (`--data`,
 * a CSV cell, a string in NDJSON or a JSON body): JSON's number grammar, surrounding
 * whitespace ignored (a CSV cell is trimmed anyway), and -0 is 0. `" 5"` and `"1e3"` are
 * numbers; `"+5"`, `"007"`, `".5"` and `""` are not.
 */
export function parseNumberText(text: string): Decimal | undefined {
  const trimmed = text.trim();
  if (!JSON_NUMBER.test(trimmed)) return undefined;
  const value = new Decimal(trimmed);
  if (!value.isFinite()) return undefined;
  return value.isZero() ? new Decimal(0) : value;
}
