import { stringEnd } from './scan.js';
import { RECURSION_LIMIT } from './write-deep.js';

/** A number token, as JSON spells it (anything else is left to the full parser to refuse). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Marks a number token quoted by the fast path (DEL, allowed raw in a JSON string): text
 *  that holds one, raw or escaped, takes the full parser, so a marked string is a number. */
const MARK = '\u007f';

/**
 * Which number tokens the fast path leaves to JSON.parse as JS numbers, given the token
 * `text[start, end)` and whether it is `plain` (digits and a leading minus only); the
 * others become `toNumber` of their digits. A policy reads the token in place: most are
 * kept, and a kept one needs no string of its own. It must keep only numbers a double
 * holds exactly as written.
 */
export type KeepNumber = (text: string, start: number, end: number, plain: boolean) => boolean;

/**
 * Integers of at most 15 digits (not -0), which a JS number holds exactly: usage events,
 * whose quantities are mostly such. `0`, or an optional minus and 1 to 15 digits not
 * starting with 0.
 */
export const keepSmallIntegers: KeepNumber = (text, start, end, plain) => {
  if (!plain) return false;
  const negative = text.charCodeAt(start) === 45;
  const first = negative ? start + 1 : start;
  const digits = end - first;
  if (digits < 1 || digits > 15) return false;
  if (text.charCodeAt(first) !== 48) return true;
  return digits === 1 && !negative;
};

/**
 * Numbers a double holds exactly and JSON.stringify writes back in the same shortest
 * decimal form: at most 15 significant digits (trailing zeros of a fraction counted too),
 * no exponent, and not below 10^-6 (JSON.stringify writes 0.0000001 as 1e-7). `1.50`
 * comes back as 1.5, as decimalText would write it; `-0` as -0, which writers print `0`.
 */
export const keepExactDoubles: KeepNumber = (text, start, end) => {
  // Past `end` the text goes on: every read of a digit is bounded by it.
  const digit = (at: number) => at < end && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57;
  let i = text.charCodeAt(start) === 45 ? start + 1 : start;
  const intStart = i;
  while (digit(i)) i++;
  if (i === intStart) return false;
  const zeroInt = i - intStart === 1 && text.charCodeAt(intStart) === 48;
  let digits = zeroInt ? 0 : i - intStart;
  if (i < end && text.charCodeAt(i) === 46) {
    const fracStart = ++i;
    while (digit(i)) i++;
    if (i === fracStart) return false;
    digits += i - fracStart;
    if (zeroInt && fracStart + 6 <= end && text.startsWith('000000', fracStart)) return false;
  }
  // Anything after the digits (an exponent, a second point): not kept; the parsers decide.
  return i === end && digits <= 15;
};

function quoteNumbers(
  text: string,
  keep: KeepNumber | undefined,
  maxDepth: number,
): { text: string; names: number; quoted: number } | undefined {
  let out = '';
  let depth = 0;
  let last = 0;
  let names = 0;
  let quoted = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      i = end + 1;
      while (i < n) {
        const w = text.charCodeAt(i);
        if (w === 32 || w === 10 || w === 13 || w === 9) i++;
        else break;
      }
      if (text.charCodeAt(i) === 58) names++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i++;
      let plain = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 48 && d <= 57) i++;
        else if (d === 46 || d === 101 || d === 69 || d === 43 || d === 45) {
          plain = false;
          i++;
        } else break;
      }
      if (keep?.(text, start, i, plain)) continue;
      const token = text.slice(start, i);
      if (!JSON_NUMBER.test(token)) return undefined;
      out += `${text.slice(last, start)}"${MARK}${token}"`;
      last = i;
      quoted++;
    } else {
      // Too deep: the full parser (the caller's `slow`) says where, or reads it.
      if (c === 123 || c === 91) {
        if (++depth > maxDepth) return undefined;
      } else if (c === 125 || c === 93) depth--;
      i++;
    }
  }
  return { text: last === 0 ? text : out + text.slice(last), names, quoted };
}

/**
 * Parses JSON with every number exact (`toNumber` of its digits, a Decimal or a
 * LosslessNumber): the fast path quotes each number token in one pass, lets the native
 * `JSON.parse` do the rest, and turns the marked strings back into numbers. Text it
 * cannot vouch for (a malformed number, a DEL character raw or escaped among quoted
 * numbers, a repeated member name, which JSON.parse would silently drop) goes to `slow`
 * (lossless-json), which parses it or reports the error: see src/json/README.md.
 * `keep`: which numbers stay JS numbers (`true`: keepSmallIntegers, for usage events).
 * Text nested deeper than `maxDepth` goes to `slow` too, which must then refuse it
 * (parseJsonDecimal does, naming the place): request bodies pass MAX_JSON_DEPTH.
 */
export function parseExactJson(
  text: string,
  toNumber: (digits: string) => unknown,
  slow: (text: string) => unknown,
  keep: boolean | KeepNumber = false,
  maxDepth = Infinity,
): unknown {
  const quoted = quoteNumbers(text, keep === true ? keepSmallIntegers : keep || undefined, maxDepth);
  if (!quoted) return slow(text);
  // A marked string the text wrote itself would be read back as a number.
  if (quoted.quoted > 0 && (text.includes(MARK) || /\\u007f/i.test(text))) return slow(text);
  let value: unknown;
  try {
    value = JSON.parse(quoted.text);
  } catch {
    // The same text through the full parser, for its error message (positions in the input).
    return slow(text);
  }
  const counted = { names: 0 };
  const result = quoted.quoted === 0 ? countNames(value, counted) : revive(value, toNumber, counted);
  // Fewer members than names in the text: a name was repeated (lossless-json decides).
  return counted.names === quoted.names ? result : slow(text);
}

/** Nothing to revive: only the members are counted. */
function countNames(value: unknown, counted: { names: number }, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > RECURSION_LIMIT) return walkDeep(value, undefined, counted);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) countNames(value[i], counted, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    counted.names++;
    countNames(record[key], counted, depth + 1);
  }
  return record;
}

function revive(value: unknown, toNumber: (digits: string) => unknown, counted: { names: number }, depth = 0): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === 0x7f ? toNumber(value.slice(1)) : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > RECURSION_LIMIT) return walkDeep(value, toNumber, counted);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], toNumber, counted, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  counted.names += keys.length;
  for (const key of keys) record[key] = revive(record[key], toNumber, counted, depth + 1);
  return record;
}

/**
 * countNames and revive (with `toNumber`) with an explicit stack: JSON.parse builds any
 * depth without recursing, and a stored row may be deeper than requests may be now.
 */
function walkDeep(root: object, toNumber: ((digits: string) => unknown) | undefined, counted: { names: number }): object {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const container = stack.pop() as Record<string, unknown>;
    const keys = Object.keys(container);
    if (!Array.isArray(container)) counted.names += keys.length;
    for (const key of keys) {
      const member = container[key];
      if (typeof member === 'string') {
        if (toNumber && member.charCodeAt(0) === 0x7f) container[key] = toNumber(member.slice(1));
      } else if (member !== null && typeof member === 'object') {
        stack.push(member);
      }
    }
  }
  return root;
}
