import { describe, expect, it } from 'vitest';
import { engineError, json, memoryEngine } from './fixture.js';

describe('quote', () => {
  it('rounds down to the asset precision: 1.03 USD at 0.10 buys 10', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'IMG', name: 'Images', precision: 0, rates: [{ source: 'USD', rate: '0.10' }] });
    const quote = engine.quote('img', { source: 'usd', amount: '1.03' });
    expect(json(quote)).toBe(
      '{"asset":"IMG","source":"USD","amount":1.03,"quantity":10,"rate":0.1,"inverse_rate":10,"quoted_at":"2026-01-01T00:00:00.000Z"}',
    );
  });

  it('keeps 10^18 units at precision 18 exact', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'WEI', name: 'Wei', precision: 18, rates: [{ source: 'USD', inverse_rate: '1' }] });
    const big = engine.quote('WEI', { source: 'USD', amount: '1000000000000000000' });
    expect(json(big.quantity)).toBe('1000000000000000000');
    engine.addRate('WEI', { source: 'USD', inverse_rate: '0.123456789012345678' });
    const fine = engine.quote('WEI', { source: 'USD', amount: '999999999999.999999' });
    // Exact product 123456789012.345677876543210987654322, cut (not rounded) at 18 places.
    expect(json(fine.quantity)).toBe('123456789012.345677876543210987');
  });

  it('quotes a currency in itself at 1, and refuses a source with no rate', () => {
    const engine = memoryEngine();
    expect(json(engine.quote('USD', { source: 'USD', amount: '2.5' }))).toContain('"quantity":2.5,"rate":1,"inverse_rate":1');
    const e = engineError(() => engine.quote('USD', { source: 'EUR', amount: '1' }), 422, 'validation_failed');
    expect(e.errors).toEqual({ source: ['USD has no EUR rate in force'] });
  });

  it('checks the amount against the source currency', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: '1' }] });
    const tooFine = engineError(() => engine.quote('TOK', { source: 'USD', amount: '0.0000001' }), 422);
    expect(tooFine.errors).toEqual({ amount: ['amount 0.0000001 has more than 6 decimal places (USD has precision 6)'] });
    const zero = engineError(() => engine.quote('TOK', { source: 'USD', amount: 0 }), 422);
    expect(zero.errors?.amount).toBeDefined();
    engineError(() => engine.quote('TOK', { source: 'USD', amount: '1e19' }), 422);
    engineError(() => engine.quote('TOK', { source: 'USD', amount: 'ten' }), 422);
    engineError(() => engine.quote('TOK', { source: 'BTC', amount: '1' }), 422);
  });
});
