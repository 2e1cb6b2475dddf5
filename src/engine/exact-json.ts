import { Decimal, decimalText, isDecimal } from '../money/decimal.js';
import { isLosslessNumber, parseJsonDecimalAnyDepth } from '../money/json.js';
import { RECURSION_LIMIT, writeJsonIteratively, type JsonShape } from '../money/json-write.js';
import { parseExactJson } from '../money/exact-parse.js';

// The parser moved to src/money/ so that the client can read any depth too; callers keep this path.
export { parseExactJson };

/**
 * Compact JSON with every Decimal written as its shortest exact number: the output of
 * `stringifyJson` (src/money/json.ts), written directly. The events path stores three
 * JSON documents per event and answers a thousand fees per request, where the general
 * serializer's per-value stringifier lookup showed as the largest cost in profiles.
 */
export function exactJson(value: unknown): string {
  return write(value, 0) ?? 'null';
}

/** Member names as JSON strings: a few distinct names recur in every event and fee. */
const quotedNames = new Map<string, string>();
export function quotedName(key: string): string {
  let quoted = quotedNames.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedNames.size < 10_000) quotedNames.set(key, quoted);
  }
  return quoted;
}

function write(value: unknown, depth: number): string | undefined {
  // A stored row nested deeper than requests may be now must still be answered.
  if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, exactShape);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  // Plain records first (most values): no Decimal, Date or toJSON to look for.
  if (Object.getPrototypeOf(value) === Object.prototype) return writeRecord(value as Record<string, unknown>, depth);
  if (isDecimal(value)) return decimalText(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i], depth + 1) ?? 'null');
    return `${out}]`;
  }
  if (isLosslessNumber(value)) return value.toString();
  if (value instanceof Date || value instanceof Number || value instanceof String || value instanceof Boolean) {
    return JSON.stringify(value);
  }
  const record = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof record.toJSON === 'function') return write(record.toJSON(), depth);
  return writeRecord(record, depth);
}

function writeRecord(record: Record<string, unknown>, depth: number): string {
  if (typeof record.toJSON === 'function') return write((record as { toJSON: () => unknown }).toJSON(), depth) ?? 'null';
  let out = '{';
  let first = true;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const text = write(record[key], depth + 1);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${quotedName(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}

/** What `write` makes of one value, for the iterative writer: the same rules, no recursion. */
function exactShape(value: unknown): JsonShape {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return { leaf: JSON.stringify(value) };
    case 'bigint':
      return { leaf: value.toString() };
    case 'object':
      break;
    default:
      return { leaf: undefined };
  }
  if (value === null) return { leaf: 'null' };
  if (isDecimal(value)) return { leaf: decimalText(value) };
  if (Array.isArray(value)) return { items: value };
  if (isLosslessNumber(value)) return { leaf: value.toString() };
  if (value instanceof Date || value instanceof Number || value instanceof String || value instanceof Boolean) {
    return { leaf: JSON.stringify(value) };
  }
  const record = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof record.toJSON === 'function') return exactShape(record.toJSON());
  return { members: Object.keys(record).map((key) => [key, record[key]] as const) };
}

const toDecimal = (digits: string) => new Decimal(digits);

/**
 * A JSON document the engine stored (event data, costs, fees): numbers as Decimals, and
 * any depth, so a row stored before request depth was limited is still read.
 */
export function parseStoredJson(text: string): unknown {
  return parseExactJson(text, toDecimal, parseJsonDecimalAnyDepth);
}
