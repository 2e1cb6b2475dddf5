import { isLosslessNumber } from 'lossless-json';
import { decimalText, isDecimal, type Decimal } from '../money/decimal.js';
import { RECURSION_LIMIT, writeJsonIteratively, type JsonShape } from './write-deep.js';

/**
 * The one JSON writer: JSON.stringify's rules, with every `Decimal` written as its
 * shortest exact number and every `LosslessNumber` (or bigint) as its own digits, so an
 * amount is never rounded through a double on its way out. `space` as JSON.stringify's
 * (a number; capped at 10). Server answers, stored event documents and everything the
 * CLI prints as JSON go through it.
 *
 * It writes what lossless-json's `stringify` (with a Decimal stringifier) wrote before it,
 * byte for byte, which test/unit/json/write.test.ts checks; it is written out because the
 * events path writes three documents per event and a thousand fees per answer, where the
 * library's per-value stringifier lookup was the largest cost in profiles.
 * A value nested deeper than RECURSION_LIMIT is written without recursion, the same text.
 */
export function stringifyJson(value: unknown, space?: number): string {
  const gap = space === undefined ? '' : ' '.repeat(Math.max(0, Math.min(Math.trunc(space) || 0, 10)));
  return (gap === '' ? write(value, 0) : writeIndented(value, gap, '', 0)) ?? 'null';
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

/** A leaf's JSON text (undefined: it has none), or CONTAINER for an array or a record. */
const CONTAINER = Symbol('container');

function leafText(value: unknown): string | undefined | typeof CONTAINER {
  switch (typeof value) {
    case 'string':
    case 'boolean':
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
  if (isDecimal(value)) return decimalNumber(value);
  if (Array.isArray(value)) return CONTAINER;
  if (isLosslessNumber(value)) return value.toString();
  if (value instanceof Date || value instanceof Number || value instanceof String || value instanceof Boolean) {
    return JSON.stringify(value);
  }
  return CONTAINER;
}

/** NaN and Infinity have no JSON form: refused, as the library refused them, never written. */
function decimalNumber(value: Decimal): string {
  if (!value.isFinite()) throw new Error(`Invalid JSON number: a Decimal ${value.toString()} has no JSON form`);
  return decimalText(value);
}

/** The object a record is written as: what its toJSON gives, when it has one. */
function jsonOf(value: object): unknown {
  const record = value as { toJSON?: () => unknown };
  return typeof record.toJSON === 'function' ? record.toJSON() : value;
}

function write(value: unknown, depth: number): string | undefined {
  // A stored row nested deeper than requests may be now must still be answered.
  if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, exactShape);
  // Plain records first (most values): no Decimal, Date or toJSON to look for.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    return typeof record.toJSON === 'function' ? write(record.toJSON(), depth) : writeRecord(record, depth);
  }
  const leaf = leafText(value);
  if (leaf !== CONTAINER) return leaf;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i], depth + 1) ?? 'null');
    return `${out}]`;
  }
  const json = jsonOf(value as object);
  return json === value ? writeRecord(value as Record<string, unknown>, depth) : write(json, depth);
}

function writeRecord(record: Record<string, unknown>, depth: number): string {
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

/**
 * The indented form, line breaks and all as lossless-json wrote it (`-o json` output):
 * `indent` is the current line's indentation, `gap` one level's.
 */
function writeIndented(value: unknown, gap: string, indent: string, depth: number): string | undefined {
  if (depth > RECURSION_LIMIT) return writeJsonIteratively(value, exactShape, gap, indent);
  const leaf = leafText(value);
  if (leaf !== CONTAINER) return leaf;
  const inner = indent + gap;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[\n';
    for (let i = 0; i < value.length; i++) {
      out += `${i === 0 ? '' : ',\n'}${inner}${writeIndented(value[i], gap, inner, depth + 1) ?? 'null'}`;
    }
    return `${out}\n${indent}]`;
  }
  const json = jsonOf(value as object);
  if (json !== value) return writeIndented(json, gap, indent, depth);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return '{}';
  // An object whose members all have no JSON form comes out as `{`, newline, newline, `}`.
  let out = '{\n';
  let first = true;
  for (const key of keys) {
    const text = writeIndented(record[key], gap, inner, depth + 1);
    if (text === undefined) continue;
    out += `${first ? '' : ',\n'}${inner}${quotedName(key)}: ${text}`;
    first = false;
  }
  return `${out}\n${indent}}`;
}

/** What the writers make of one value, for the iterative writer: the same rules, no recursion. */
function exactShape(value: unknown): JsonShape {
  const leaf = leafText(value);
  if (leaf !== CONTAINER) return { leaf };
  if (Array.isArray(value)) return { items: value };
  const json = jsonOf(value as object);
  if (json !== value) return exactShape(json);
  const record = value as Record<string, unknown>;
  return { members: Object.keys(record).map((key) => [key, record[key]] as const) };
}
