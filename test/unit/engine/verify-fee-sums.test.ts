import { describe, expect, it } from 'vitest';
import { addCharged, units, unitsText, type Sums } from '../../../src/engine/verify/fee-sums.js';

const read = (fees: string): Record<string, string> | undefined => {
  const sums: Sums = new Map();
  if (!addCharged(fees, sums)) return undefined;
  return Object.fromEntries([...sums].map(([asset, v]) => [asset, unitsText(v)]));
};

describe('verify: exact fee sums', () => {
  it('reads the fees the engine writes by pattern, exactly', () => {
    const fee = (asset: string, amount: string, dims = '{}') =>
      `{"product_id":"prp_1","product_code":"c","product_version":1,"price_name":"p","asset":"${asset}","amount":${amount},"account_id":"default:${asset}","dimensions":${dims},"quantity":1}`;
    expect(read(`[${fee('USD', '0.00125')},${fee('USD', '0')},${fee('TOK', '123456789012345678.123456789012345678')}]`)).toEqual({
      USD: '0.00125',
      TOK: '123456789012345678.123456789012345678',
    });
    // A dimension value that spells a fee is a string: it cannot be taken for one.
    expect(read(`[${fee('USD', '2', '{"model":"\\"asset\\":\\"USD\\",\\"amount\\":9,"}')}]`)).toEqual({ USD: '2' });
  });

  it('falls back to the exact parser for any other shape, and says when fees cannot be read', () => {
    expect(read('[{"amount":1.5,"asset":"USD"},{"asset":"USD","amount":2.5e0}]')).toEqual({ USD: '4' });
    expect(read('[]')).toEqual({});
    expect(read('[{"asset":"USD","amount":')).toBeUndefined();
  });

  it('keeps 36 places', () => {
    expect(unitsText((units('-0.000000000000000001') ?? 0n) + (units('1') ?? 0n))).toBe('0.999999999999999999');
    expect(units('1e5')).toBeUndefined();
  });
});
