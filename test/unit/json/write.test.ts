import { stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { LosslessNumber, parseJsonDecimal } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';
import { Decimal, decimalText, isDecimal } from '../../../src/money/decimal.js';
// The writer it replaces on the events path, compared while it still exists.

/** What stringifyJson wrote when it was lossless-json's stringify with a Decimal stringifier. */
function libraryJson(value: unknown, space?: number): string {
  const numbers = [{ test: (v: unknown) => isDecimal(v), stringify: (v: unknown) => decimalText(v as Decimal) }];
  return stringify(value, null, space, numbers) ?? 'null';
}

/** Everything a writer meets: Decimals, LosslessNumbers, Dates, toJSON, values without a JSON form. */
function corpus(): unknown[] {
  class Point {
    constructor(
      readonly x: number,
      readonly y: Decimal,
    ) {}
  }
  return [
    parseJsonDecimal('{"a":1.50,"b":[1e-7,123456789012345678.123456789012345678,-0,true,null,"x\\"y"],"c":{},"d":[]}'),
    { skipped: undefined, fn: () => 1, sym: Symbol('s'), kept: 'é\u2028😀\ud800', at: new Date('2026-01-01T00:00:00Z'), big: 10n, n: 0.1 },
    [undefined, () => 1, Symbol('s'), new LosslessNumber('1.000'), new Decimal('0'), new Decimal('-0.00'), new Decimal('1e+30')],
    { onlyAbsent: { a: undefined, b: () => 1 }, empty: {}, none: [], nested: [[[]], [{}]] },
    { withToJson: { toJSON: () => ({ d: new Decimal('2.50') }) }, point: new Point(1, new Decimal('3.10')) },
    { toJsonUndefined: { toJSON: () => undefined }, kept: 1 },
    [new Number(3), new String('s'), new Boolean(false), NaN, -Infinity, 1e21, 5e-7, -0],
    Object.assign(Object.create(null) as object, { z: 1, a: [null] }),
    { 10: 'ten', 2: 'two', b: 'b', a: 'a' },
    'text',
    42,
    null,
    undefined,
    new Decimal('7.70'),
  ];
}

describe('stringifyJson, the one exact writer', () => {
  it('writes what lossless-json wrote, compact and indented', () => {
    for (const value of corpus()) {
      for (const space of [undefined, 0, 1, 2, 4, 2.7, 12, -1]) {
        expect(stringifyJson(value, space), `${String(space)}: ${libraryJson(value)}`).toBe(libraryJson(value, space));
      }
    }
  });

  it('leaves out a member whose toJSON gives undefined, as JSON.stringify does', () => {
    expect(stringifyJson({ a: { toJSON: () => undefined }, b: 1 })).toBe('{"b":1}');
    expect(stringifyJson({ a: new Decimal('0.001543'), b: 1e21 })).toBe('{"a":0.001543,"b":1e+21}');
  });

  it('refuses a Decimal without a JSON form rather than write NaN', () => {
    expect(() => stringifyJson({ a: new Decimal(NaN) })).toThrow(/Invalid JSON number/);
    expect(() => stringifyJson([new Decimal(Infinity)], 2)).toThrow(/Invalid JSON number/);
  });

  it('indents a value nested past its recursion depth as lossless-json did', () => {
    let value: unknown = { a: [new Decimal('1.50'), 'x', undefined], b: {}, c: { gone: undefined } };
    for (let i = 0; i < 500; i++) value = i % 2 ? [value, 1] : { z: value, y: undefined };
    for (const space of [undefined, 2]) expect(stringifyJson(value, space)).toBe(libraryJson(value, space));
  });

  it('random values: the same text as lossless-json', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const random = (depth: number): unknown => {
      switch (Math.floor(next() * (depth > 3 ? 7 : 9))) {
        case 0: return [null, true, false, undefined, () => 0][Math.floor(next() * 5)];
        case 1: return Math.floor(next() * 2e6) / 7;
        case 2: return ['', 'é"\\', '\u2028', '😀', 'k:1'][Math.floor(next() * 5)];
        case 3: return new Decimal(`${Math.floor(next() * 1e9)}.${Math.floor(next() * 1000)}0e${Math.floor(next() * 40) - 20}`);
        case 4: return new LosslessNumber(`${Math.floor(next() * 100)}.50`);
        case 5: return new Date(Math.floor(next() * 2e12));
        case 6: return next() < 0.5 ? {} : [];
        case 7: return Array.from({ length: Math.floor(next() * 4) }, () => random(depth + 1));
        default: {
          const out: Record<string, unknown> = {};
          for (let i = Math.floor(next() * 4); i > 0; i--) out[`k${Math.floor(next() * 9)}`] = random(depth + 1);
          return out;
        }
      }
    };
    for (let i = 0; i < 5000; i++) {
      const value = random(0);
      expect(stringifyJson(value)).toBe(libraryJson(value));
      expect(stringifyJson(value, 2)).toBe(libraryJson(value, 2));
    }
  });
});
