import { describe, expect, it } from 'vitest';
import { exactJson } from '../../../src/engine/exact-json.js';
import { Decimal } from '../../../src/money/decimal.js';
import { LosslessNumber, parseJsonDecimal, stringifyJson } from '../../../src/money/json.js';

describe('exactJson', () => {
  it('writes what stringifyJson writes', () => {
    const values: unknown[] = [
      parseJsonDecimal('{"a":1.50,"b":[1e-7,123456789012345678.123456789012345678,-0,true,null,"x\\"y"],"c":{},"d":[]}'),
      { skipped: undefined, fn: () => 1, kept: 'é\u2028', at: new Date('2026-01-01T00:00:00Z'), big: 10n, n: 0.1 },
      [undefined, () => 1, new LosslessNumber('1.000'), new Decimal('0')],
      'text',
      42,
      null,
    ];
    for (const value of values) expect(exactJson(value)).toBe(stringifyJson(value));
    expect(exactJson({ a: new Decimal('0.001543'), b: 1e21 })).toBe('{"a":0.001543,"b":1e+21}');
  });
});
