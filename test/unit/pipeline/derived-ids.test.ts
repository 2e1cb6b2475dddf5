import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usageKind } from '../../../src/commands/usage/bulk.js';
import { idNamespace, uuidV5 } from '../../../src/pipeline/uuid5.js';
import { parseJsonLine, isLosslessNumber, parseJsonDecimal } from '../../../src/json/parse.js';
import { isDecimal, decimalText } from '../../../src/money/decimal.js';
import { canonicalJson } from '../../../src/json/canonical.js';

/**
 * Ids and bodies of usage lines as the CLI derived them before the bulk path was made
 * cheaper (computed at c38bf8b): a re-run of an old file must derive the same ids, or it
 * would charge its lines twice.
 */
const GOLDEN = JSON.parse(readFileSync(new URL('./derived-ids.golden.json', import.meta.url), 'utf8')) as {
  ndjson: [string | null, string, string, string][];
  csv: [Record<string, string>, string, string][];
};

function prepare(value: Record<string, unknown>, format: 'ndjson' | 'csv', namespace?: string) {
  const space = idNamespace(namespace);
  const kind = usageKind(undefined, false);
  const { key, item } = kind.prepare(value, format, (name) => uuidV5(space, `usage\n${name}`));
  return { key, item: kind.json(item) };
}

/** The canonical form as first written (map/filter/join): the reference the fast one must equal. */
function referenceCanonical(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return JSON.stringify(value);
  if (isDecimal(value)) return decimalText(value);
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : referenceCanonical(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonical(obj[k])}`).join(',')}}`;
}

describe('derived ids stay what they were', () => {
  it('NDJSON lines, through the exact parser and the fast one alike', () => {
    expect(GOLDEN.ndjson.length).toBeGreaterThan(20);
    for (const [namespace, line, key, json] of GOLDEN.ndjson) {
      for (const value of [parseJsonDecimal(line), parseJsonLine(line)]) {
        const p = prepare(value as Record<string, unknown>, 'ndjson', namespace ?? undefined);
        expect([line, p.key, p.item]).toEqual([line, key, json]);
      }
    }
  });

  it('CSV rows', () => {
    for (const [row, key, json] of GOLDEN.csv) expect(prepare(row, 'csv')).toEqual({ key, item: json });
  });
});

describe('parseJsonLine', () => {
  it('numbers a double holds as written come back as numbers, the others as Decimal', () => {
    const v = parseJsonLine('{"a":1.50,"b":-0,"c":123456789012345,"d":0.000001,"e":[2.5]}') as Record<string, unknown>;
    expect(v).toEqual({ a: 1.5, b: -0, c: 123456789012345, d: 0.000001, e: [2.5] });
    for (const text of ['1234567890123456', '0.0000001', '1e3', '0.1000000000000000055511', '1.0000000000000001']) {
      const w = parseJsonLine(`{"x":${text}}`) as Record<string, unknown>;
      expect(isDecimal(w.x), text).toBe(true);
    }
  });

  it('a repeated key with another value, and bad JSON, fail as the exact parser fails', () => {
    for (const text of ['{"k":1,"k":2}', '{"a":"x\\"}', '{"a":01}', '{"a":1', 'nope', '{"a":"b"}}']) {
      let expected: unknown;
      try {
        parseJsonDecimal(text);
      } catch (error) {
        expected = (error as Error).message;
      }
      expect(expected, text).toBeDefined();
      expect(() => parseJsonLine(text), text).toThrow(expected as string);
    }
    expect(canonicalJson(parseJsonLine('{"k":1,"k":1}'))).toBe('{"k":1}');
    expect(parseJsonLine('{"s":"a\\\\","t":"\\"q\\":1"}')).toEqual({ s: 'a\\', t: '"q":1' });
  });

  it('random lines: the same canonical text as the exact parser gives', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    const number = () =>
      pick([
        () => `${pick(['', '-'])}${pick(['0', String(1 + Math.floor(random() * 9)) + digits(Math.floor(random() * 18))])}`,
        () => `${pick(['', '-'])}${pick(['0', String(1 + Math.floor(random() * 9)) + digits(Math.floor(random() * 8))])}.${digits(1 + Math.floor(random() * 18))}`,
        () => `${1 + Math.floor(random() * 9)}${pick(['e', 'E'])}${pick(['', '-', '+'])}${Math.floor(random() * 30)}`,
      ])();
    const value = (depth: number): string =>
      depth > 2
        ? number()
        : pick([
            number,
            () => JSON.stringify(pick(['a', 'é', '"', '\\', ':', 'x:1', '😀', ''])),
            () => pick(['true', 'false', 'null']),
            () => `[${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(',')}]`,
            () => `{${Array.from({ length: Math.floor(random() * 4) }, () => `${JSON.stringify(pick(['a', 'b', 'c', 'k:']))}:${value(depth + 1)}`).join(' , ')}}`,
          ])();
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const text = `{"customer":"c","data":${value(0)}}`;
      let expected: string;
      try {
        expected = referenceCanonical(parseJsonDecimal(text));
      } catch (error) {
        expect(() => parseJsonLine(text), text).toThrow((error as Error).message);
        continue;
      }
      expect(canonicalJson(parseJsonLine(text)), text).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });
});
