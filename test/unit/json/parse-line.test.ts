import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/json/canonical.js';
import { keepExactDoubles, parseExactJson } from '../../../src/json/fast-parse.js';
import { parseJsonDecimal, parseJsonLine } from '../../../src/json/parse.js';
import { Decimal, isDecimal } from '../../../src/money/decimal.js';
// The line parser it replaces, compared while it still exists.

describe('keepExactDoubles: numbers a bulk line keeps as JS numbers', () => {
  it('keeps what a double holds and JSON.stringify writes back as written, up to trailing zeros', () => {
    const kept = ['0', '-0', '7', '-12', '1.50', '123456789012345', '0.000001', '0.123456789012345', '12345678901234.5', '99999999999999.9'];
    const not = ['1234567890123456', '0.0000001', '1e3', '1E3', '0.1000000000000000055511', '1.0000000000000001', '10.00000000000000', '1.5.3', '-', '1.', '.5'];
    for (const token of kept) expect(keepExactDoubles(token, 0, token.length, false), token).toBe(true);
    for (const token of not) expect(keepExactDoubles(token, 0, token.length, false), token).toBe(false);
    for (const token of kept.filter((t) => t !== '-0')) expect(JSON.stringify(Number(token)), token).toBe(new Decimal(token).toFixed());
  });
});

describe('parseJsonLine', () => {
  it('reads numbers one by one: a kept number as a JS number, its neighbour as a Decimal', () => {
    const value = parseJsonLine('{"a":1.50,"b":1e3,"c":[2.5,0.0000001],"s":"1e3"}') as Record<string, unknown>;
    expect(value.a).toBe(1.5);
    expect(isDecimal(value.b) && value.b.toFixed()).toBe('1000');
    expect((value.c as unknown[])[0]).toBe(2.5);
    expect(isDecimal((value.c as unknown[])[1])).toBe(true);
    expect(value.s).toBe('1e3');
  });

  it('reads a DEL character in a string natively when no number needs marking', () => {
    let slowCalls = 0;
    const slow = (text: string) => {
      slowCalls++;
      return parseJsonDecimal(text);
    };
    const text = '{"s":"\u007f","t":"\\u007f","n":[1,2.5]}';
    expect(parseExactJson(text, (d) => new Decimal(d), slow, keepExactDoubles)).toEqual({ s: '\u007f', t: '\u007f', n: [1, 2.5] });
    expect(slowCalls).toBe(0);
    // With a number to mark, the full parser reads it: the string stays a string.
    const marked = parseJsonLine('{"s":"\u007f1","n":1e3}') as Record<string, unknown>;
    expect(marked.s).toBe('\u007f1');
    expect(isDecimal(marked.n)).toBe(true);
  });

  it('random lines: the canonical text and the errors of the Decimal parser', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
    const number = () =>
      pick([
        () => `${pick(['', '-'])}${pick(['0', String(1 + Math.floor(random() * 9)) + digits(Math.floor(random() * 18))])}`,
        () => `${pick(['', '-'])}${pick(['0', String(1 + Math.floor(random() * 9)) + digits(Math.floor(random() * 8))])}.${digits(1 + Math.floor(random() * 18))}`,
        () => `${1 + Math.floor(random() * 9)}${pick(['e', 'E'])}${pick(['', '-', '+'])}${Math.floor(random() * 30)}`,
        () => pick(['01', '1.', '-', '1.5.3', '.5', '0.0000001', '-0.000000']),
      ])();
    const value = (depth: number): string =>
      depth > 2
        ? number()
        : pick([
            number,
            () => JSON.stringify(pick(['a', 'é', '"', '\\', ':', 'x:1', '\u007f', '😀', ''])),
            () => pick(['true', 'false', 'null', '"\\u007f"']),
            () => `[${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(',')}]`,
            () => `{${Array.from({ length: Math.floor(random() * 4) }, () => `${JSON.stringify(pick(['a', 'b', 'k:']))}:${value(depth + 1)}`).join(' , ')}}`,
          ])();
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const text = `{"customer":"c","data":${value(0)}}`;
      let expected: string;
      try {
        expected = canonicalJson(parseJsonDecimal(text));
      } catch (error) {
        expect(() => parseJsonLine(text), text).toThrow((error as Error).message);
        continue;
      }
      expect(canonicalJson(parseJsonLine(text)), text).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('refuses a line nested too deep as the exact parser does, naming the place', () => {
    const text = `{"data":${'['.repeat(70)}1${']'.repeat(70)}}`;
    expect(() => parseJsonLine(text)).toThrow(/deeper than 64 levels at \/data\/0/);
  });
});
