import { RECURSION_LIMIT } from './json-write.js';

/** A number token, as JSON spells it (anything else is left to the full parser to refuse). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** Marks a number token quoted by the fast path (DEL, allowed raw in a JSON string): text
 *  that holds one, raw or escaped, takes the full parser, so a marked string is a number. */
const MARK = '\u007f';

/** A JSON integer of at most 15 digits (not -0): a JS number holds it exactly. */
const SMALL_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;

/**
 * Quotes every number token (`12.5` → `"\u007f12.5"`), skipping string literals; counts
 * member names. With `smallIntegers`, integers a JS number holds exactly stay numbers.
 * Undefined when the text is not plainly well formed (a malformed number, an unterminated
 * string): the full parser then reports it.
 */
function quoteNumbers(
  text: string,
  smallIntegers: boolean,
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
      // A string literal: to the next quote not escaped by an odd run of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return undefined;
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j + 1;
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
      const token = text.slice(start, i);
      if (smallIntegers && plain && i - start <= 16 && SMALL_INTEGER.test(token)) continue;
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
 * Parses JSON with every number as a Decimal holding all its digits: the fast path quotes
 * each number token in one pass, lets the native `JSON.parse` do the rest, and turns the
 * marked strings back into numbers (`toNumber`). Text it cannot vouch for (a malformed
 * number, a DEL character raw or escaped, a repeated member name, which JSON.parse would
 * silently drop) goes to `slow` (lossless-json), which parses it or reports the error.
 * With `smallIntegers`, an integer of at most 15 digits (not -0) is a JS number instead,
 * which holds it exactly: for callers that accept safe integers as numbers (usage events).
 * Text nested deeper than `maxDepth` goes to `slow` too, which must then refuse it
 * (parseJsonDecimal does, naming the place): request bodies pass MAX_JSON_DEPTH.
 */
export function parseExactJson(
  text: string,
  toNumber: (digits: string) => unknown,
  slow: (text: string) => unknown,
  smallIntegers = false,
  maxDepth = Infinity,
): unknown {
  if (text.includes(MARK) || /\\u007f/i.test(text)) return slow(text);
  const quoted = quoteNumbers(text, smallIntegers, maxDepth);
  if (!quoted) return slow(text);
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
