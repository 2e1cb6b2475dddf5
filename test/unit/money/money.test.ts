import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { parseJsonDecimal, parseJsonLossless, toDecimal } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';
import { amountProblem, formatAmount, parseDecimalText } from '../../../src/money/amount.js';
import { Ratio } from '../../../src/money/ratio.js';

describe('decimal-exact JSON', () => {
  it('keeps every digit through a parse and a write', () => {
    const text = '{"a":14.566678,"b":993450234,"c":123456789012345678.123456789012345678,"d":0.000000000000000001}';
    expect(stringifyJson(parseJsonDecimal(text))).toBe(text);
    expect(stringifyJson(parseJsonLossless(text))).toBe(text);
  });

  it('writes decimals in their shortest exact form', () => {
    expect(stringifyJson({ x: new Decimal('19.50'), y: new Decimal('1e3'), z: new Decimal('-0') })).toBe('{"x":19.5,"y":1000,"z":0}');
  });

  it('keeps the text the server sent on the client side', () => {
    expect(stringifyJson(parseJsonLossless('{"v":20.50}'))).toBe('{"v":20.50}');
    expect(toDecimal(parseJsonLossless('20.50')).eq('20.5')).toBe(true);
  });
});

describe('amounts', () => {
  it('parses only finite decimal text', () => {
    expect(parseDecimalText('9934.50234')?.toFixed()).toBe('9934.50234');
    for (const bad of ['abc', '', '1,5', 'NaN', 'Infinity', '0x10', '1e']) expect(parseDecimalText(bad)).toBeUndefined();
  });

  it('names what is wrong with an amount for a precision', () => {
    expect(amountProblem(new Decimal('1.5'), 0)).toMatch(/whole number/);
    expect(amountProblem(new Decimal('1.1234567'), 6)).toMatch(/more than 6 decimal places/);
    expect(amountProblem(new Decimal('0'), 6)).toMatch(/greater than zero/);
    expect(amountProblem(new Decimal('1e18'), 0)).toBeUndefined();
    expect(amountProblem(new Decimal('1000000000000000000.000000000000000001'), 18)).toMatch(/10\^18/);
    expect(amountProblem(new Decimal('999999999999999999.999999999999999999'), 18)).toBeUndefined();
  });

  it('formats at the precision without cutting digits', () => {
    expect(formatAmount(new Decimal('20'), 6)).toBe('20.000000');
    expect(formatAmount(new Decimal('993450234'), 0)).toBe('993450234');
    expect(formatAmount(new Decimal('1.2345'), 2)).toBe('1.2345');
  });
});

describe('exact exchange rates', () => {
  it('inverts exactly and converts rounding down', () => {
    const inverse = Ratio.fromDecimal(new Decimal('0.00001')).inverse();
    expect(inverse.toText()).toBe('100000');
    expect(inverse.multiplyFloor(new Decimal('9934.50234'), 0).toFixed()).toBe('993450234');
  });

  it('reports a non-terminating inverse at 18 places and still converts exactly', () => {
    const inverse = Ratio.fromDecimal(new Decimal('0.03')).inverse();
    expect(inverse.toText()).toBe('33.333333333333333333');
    // 0.03 × 100 = 3 exactly: no rounding error may lose the last unit.
    expect(inverse.multiplyFloor(new Decimal('3'), 0).toFixed()).toBe('100');
    expect(inverse.multiplyFloor(new Decimal('1.03'), 2).toFixed()).toBe('34.33');
  });

  it('rounds 1.03 USD at 0.10 per unit down to 10 units', () => {
    expect(Ratio.fromDecimal(new Decimal('0.10')).inverse().multiplyFloor(new Decimal('1.03'), 0).toFixed()).toBe('10');
  });
});
