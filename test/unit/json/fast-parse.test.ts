import { describe, expect, it } from 'vitest';
import { parseExactJson, type KeepNumber } from '../../../src/json/fast-parse.js';
import { Decimal } from '../../../src/money/decimal.js';
import { parseJsonDecimal } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';

const toDecimal = (digits: string) => new Decimal(digits);
let slowCalls = 0;
const slow = (text: string) => {
  slowCalls++;
  return parseJsonDecimal(text);
};
const fast = (text: string) => parseExactJson(text, toDecimal, slow);

/** Both parsers, compared through the exact serializer (Decimals compared by their digits). */
function same(text: string): void {
  expect(stringifyJson(fast(text))).toBe(stringifyJson(parseJsonDecimal(text)));
}

describe('parseExactJson (the request body fast path)', () => {
  it('keeps every digit of every number, in objects, arrays and strings alike', () => {
    slowCalls = 0;
    const text =
      '{"a":123456789012345678901234567890.123456789012345678901,"b":[-0,0.1,1e-7,-2.5E+30,7],"s":"1.5 \\"x\\" 2","n":null,' +
      '"t":true,"f":false,"nested":{"k 1":{"k:2":[{"q":1.10}]}}, "spaced" : 3 , "é\\u00e9":"\\u0041"}';
    same(text);
    const value = fast(text) as any;
    expect(value.a).toBeInstanceOf(Decimal);
    expect(value.a.toFixed()).toBe('123456789012345678901234567890.123456789012345678901');
    expect(value.s).toBe('1.5 "x" 2');
    expect(value.nested['k 1']['k:2'][0].q.toFixed()).toBe('1.1');
    expect(slowCalls).toBe(0);
  });

  it('hands what it cannot vouch for to the full parser: bad numbers, DEL, raw or escaped, repeated names', () => {
    for (const text of ['{"a":01}', '{"a":1.}', '{"a":-}', '[1-2]', '{"a":1,}', '{"a":"x', '{"a":.5}', '{"a":1e}']) {
      slowCalls = 0;
      expect(() => fast(text)).toThrow();
      expect(slowCalls).toBe(1);
    }
    slowCalls = 0;
    same('{"a":"\\u007f","b":2}');
    same('{"a":"\u007fx","b":2}');
    expect(slowCalls).toBe(2);
    // A repeated name with another value is refused, as lossless-json refuses it.
    expect(() => fast('{"a":1,"a":2}')).toThrow(/Duplicate key/);
    same('{"a":1,"a":1}');
    same('{"__proto__":{"polluted":1},"x":[{"__proto__":2}]}');
    expect(({} as any).polluted).toBeUndefined();
  });

  it('reads scalars and empty containers', () => {
    for (const text of ['1', '"x"', 'null', '[]', '{}', ' [ ] ', '-1.5e3']) same(text);
  });

  it('keeps integers of up to 15 digits as JS numbers when asked (usage events), every other number a Decimal', () => {
    slowCalls = 0;
    const text = '{"a":[0,7,-12,123456789012345,-123456789012345,1234567890123456,-0,1.5,1e3,10.0],"s":"12","k":{"n":5}}';
    const value = parseExactJson(text, toDecimal, slow, true) as any;
    expect(value.a.slice(0, 5)).toEqual([0, 7, -12, 123456789012345, -123456789012345]);
    expect(value.a.slice(5).map((d: unknown) => d instanceof Decimal)).toEqual([true, true, true, true, true]);
    expect(value.a.slice(5).map((d: Decimal) => d.toFixed())).toEqual(['1234567890123456', '0', '1.5', '1000', '10']);
    expect(value.a[6].isNeg()).toBe(true); // -0 stays a Decimal: decimal.js keeps its sign
    expect(value.s).toBe('12');
    expect(value.k.n).toBe(5);
    // Same meaning as the Decimal parse, through the exact serializer.
    expect(stringifyJson(value)).toBe(stringifyJson(parseJsonDecimal(text)));
    // Numbers only, none quoted: repeated names are still found.
    expect(() => parseExactJson('{"a":1,"a":2}', toDecimal, slow, true)).toThrow(/Duplicate key/);
    expect(parseExactJson('{"a":{"b":1},"c":[2,{"d":3}]}', toDecimal, slow, true)).toEqual({ a: { b: 1 }, c: [2, { d: 3 }] });
    expect(slowCalls).toBe(1);
  });
});

describe('parseExactJson keeping small integers', () => {
  it('keeps exactly the integers of at most 15 digits (not -0), read in place as from each token', () => {
    const tokens = ['0', '-0', '1', '-1', '05', '-05', '00', '9', '-', '123456789012345', '-123456789012345', '1234567890123456', '-1234567890123456', '100000000000000', '1.5', '1e3', '-1E+2', '0.0', '2-3', '1-', '7'];
    const kind = (value: unknown) => (typeof value === 'number' ? `n${value}` : value instanceof Decimal ? `d${value.toString()}` : 'x');
    // The policy as it was written before keepSmallIntegers read tokens in place: each token
    // sliced and matched. Read in place (`true` is keepSmallIntegers) it keeps the same.
    const asked: KeepNumber = (text, start, end, plain) => plain && /^(?:0|-?[1-9]\d{0,14})$/.test(text.slice(start, end));
    for (const token of tokens) {
      const text = `{"a":[${token}, ${token}],"b":${token}}`;
      const read = (keep: typeof asked | true) => {
        try {
          const value = parseExactJson(text, toDecimal, slow, keep) as { a: unknown[]; b: unknown };
          return [...value.a, value.b].map(kind).join(' ');
        } catch (error) {
          return `error ${(error as Error).message}`;
        }
      };
      expect(read(true), token).toBe(read(asked));
    }
  });
});
