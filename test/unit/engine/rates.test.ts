import { describe, expect, it } from 'vitest';
import { HOUR, engineError, json, memoryEngine, testClock } from './fixture.js';

describe('rates', () => {
  it('keeps the inverse of a rate exact: 0.03 USD per unit', () => {
    const engine = memoryEngine();
    const asset = engine.createAsset({ code: 'CR', name: 'Credits', precision: 2, rates: [{ source: 'USD', rate: '0.03' }] });
    expect(json(asset.rates[0].rate)).toBe('0.03');
    expect(json(asset.rates[0].inverse_rate)).toBe('33.333333333333333333');
    // The conversion uses the exact 100/3, not the 18-place rounding shown above.
    const quote = engine.quote('CR', { source: 'USD', amount: '3' });
    expect(json(quote.quantity)).toBe('100');
  });

  it('reports a rate given as inverse_rate in both directions', () => {
    const engine = memoryEngine();
    const asset = engine.createAsset({ code: 'GEMS', name: 'Gems', precision: 0, rates: [{ source: 'USD', inverse_rate: 20 }] });
    expect(json(asset.rates)).toContain('"rate":0.05,"inverse_rate":20');
    const third = engine.addRate('GEMS', { source: 'EUR', inverse_rate: '3' });
    expect(json(third.rates[1])).toContain('"rate":0.333333333333333333,"inverse_rate":3');
  });

  it('wants exactly one of rate or inverse_rate, positive, from a fiat source', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0 });
    const both = engineError(() => engine.addRate('TOK', { source: 'USD', rate: 1, inverse_rate: 1 }), 422);
    expect(both.errors).toEqual({ rate: ['give exactly one of rate or inverse_rate, not both'] });
    const neither = engineError(() => engine.addRate('TOK', { source: 'USD' }), 422);
    expect(neither.errors).toEqual({ rate: ['rate or inverse_rate is required'] });
    const zero = engineError(() => engine.addRate('TOK', { source: 'USD', rate: '0' }), 422);
    expect(zero.errors).toEqual({ rate: ['rate must be greater than zero, got 0'] });
    const notFiat = engineError(() => engine.addRate('TOK', { source: 'TOK', rate: '1' }), 422);
    expect(notFiat.errors).toEqual({ source: ['source "TOK" is not a fiat currency code'] });
    engineError(() => engine.addRate('USD', { source: 'usd', rate: '1' }), 422);
    engineError(() => engine.addRate('NOPE', { source: 'USD', rate: '1' }), 404, 'not_found');
    engineError(() => engine.addRate('TOK', { source: 'USD', rate: '1', effective_at: 'tomorrow' }), 422);
  });

  it('switches a scheduled rate in exactly at effective_at', () => {
    const clock = testClock('2026-01-01T00:00:00.000Z');
    const engine = memoryEngine(clock);
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: '0.10' }] });
    const scheduled = engine.addRate('TOK', { source: 'USD', rate: '0.20', effective_at: '2026-01-01T12:00:00Z' });
    expect(scheduled.rates.map((r) => json(r.rate))).toEqual(['0.1']);
    expect(scheduled.scheduled_rates.map((r) => [json(r.rate), r.effective_at])).toEqual([
      ['0.2', '2026-01-01T12:00:00.000Z'],
    ]);
    clock.set('2026-01-01T11:59:59.999Z');
    expect(json(engine.quote('TOK', { source: 'USD', amount: '1' }).quantity)).toBe('10');
    clock.set('2026-01-01T12:00:00.000Z');
    expect(json(engine.quote('TOK', { source: 'USD', amount: '1' }).quantity)).toBe('5');
    expect(engine.getAsset('TOK').scheduled_rates).toEqual([]);
  });

  it('treats a past effective_at as now and breaks ties by creation order', () => {
    const clock = testClock('2026-03-01T00:00:00.000Z');
    const engine = memoryEngine(clock);
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: '1' }] });
    const past = engine.addRate('TOK', { source: 'USD', rate: '2', effective_at: '2020-01-01T00:00:00Z' });
    expect(past.rates).toHaveLength(1);
    expect(past.rates[0]).toMatchObject({ effective_at: '2026-03-01T00:00:00.000Z' });
    expect(json(past.rates[0].rate)).toBe('2');
  });

  it('lists the whole history newest first with statuses', () => {
    const clock = testClock('2026-01-01T00:00:00.000Z');
    const engine = memoryEngine(clock);
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: '1' }] });
    clock.advance(HOUR);
    engine.addRate('TOK', { source: 'USD', rate: '2' });
    engine.addRate('TOK', { source: 'EUR', rate: '3' });
    engine.addRate('TOK', { source: 'USD', rate: '4', effective_at: '2027-01-01T00:00:00Z' });
    const history = engine.listRates('tok');
    expect(history.items.map((r) => [r.source, json(r.rate), r.status])).toEqual([
      ['USD', '4', 'scheduled'],
      ['EUR', '3', 'active'],
      ['USD', '2', 'active'],
      ['USD', '1', 'superseded'],
    ]);
    expect(history.total_count).toBe(4);
    expect(engine.listRates('TOK', { limit: '1', offset: '3' }).items[0].status).toBe('superseded');
  });
});
