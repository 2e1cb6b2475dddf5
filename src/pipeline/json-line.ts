import { parseJsonDecimal, parseJsonDecimalAnyDepth } from '../money/json.js';
import { MAX_JSON_DEPTH, stringEnd } from '../money/json-depth.js';

/**
 * JSON of one input line, numbers exact. The native parser is several times faster than
 * the decimal-exact one, so it is used when it gives the same content: every number of
 * the line is one a double holds exactly and that JSON.stringify writes in its shortest
 * decimal form (at most 15 significant digits, no exponent, 10^-6 or more: `1.50` comes
 * back as 1.5, as decimalText would write it), and no key is repeated (the exact parser
 * refuses a repeated key with another value). Any other line, and any line the native
 * parser refuses, goes through parseJsonDecimal: numbers as Decimal, its error messages.
 * So a number comes back as a JS number or a Decimal, and canonicalJson writes both alike.
 */
export function parseJsonLine(text: string): unknown {
  const keys = plainKeyCount(text);
  if (keys >= 0) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return parseJsonDecimalAnyDepth(text);
    }
    if (countKeys(value) === keys) return value;
  }
  // Checks the depth (MAX_JSON_DEPTH) before it parses: the error names the place.
  return parseJsonDecimal(text);
}

/**
 * Keys in `text` (colons outside strings), or -1 when a number needs the exact parser or
 * the line nests deeper than MAX_JSON_DEPTH (the exact parser refuses it).
 */
function plainKeyCount(text: string): number {
  let keys = 0;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === 58 /* : */) {
      keys++;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) return -1;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      i = plainNumberEnd(text, i);
      if (i < 0) return -1;
    }
  }
  return keys;
}

/**
 * Index of the last character of the number starting at `start` when a double holds it
 * exactly as written (see parseJsonLine), else -1. Digits are counted conservatively:
 * trailing zeros of the fraction count too.
 */
function plainNumberEnd(text: string, start: number): number {
  let i = text.charCodeAt(start) === 45 ? start + 1 : start;
  const intStart = i;
  let c = text.charCodeAt(i);
  while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
  const zeroInt = i - intStart === 1 && text.charCodeAt(intStart) === 48;
  let digits = zeroInt ? 0 : i - intStart;
  if (c === 46 /* . */) {
    const fracStart = ++i;
    c = text.charCodeAt(i);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
    digits += i - fracStart;
    if (zeroInt) {
      // 0.000000x is below 10^-6: JSON.stringify would write it with an exponent.
      let zeros = 0;
      while (zeros < 6 && text.charCodeAt(fracStart + zeros) === 48) zeros++;
      if (zeros >= 6) return -1;
    }
  }
  if (c === 101 || c === 69 /* e E */ || digits > 15) return -1;
  return i - 1;
}

function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += countKeys(item);
    return n;
  }
  for (const key in value) n += 1 + countKeys((value as Record<string, unknown>)[key]);
  return n;
}
