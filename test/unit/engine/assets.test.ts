import { describe, expect, it } from 'vitest';
import { engineError, json, memoryEngine } from './fixture.js';

describe('assets', () => {
  it('creates a custom asset and answers the full object', () => {
    const engine = memoryEngine();
    const asset = engine.createAsset({
      code: 'VIDGENMIN',
      name: 'Video Generation Minutes',
      label: 'MIN',
      symbol: '⏰',
      precision: 2,
      rates: [{ source: 'USD', rate: '0.10' }],
    });
    expect(JSON.parse(json(asset))).toEqual({
      code: 'VIDGENMIN',
      name: 'Video Generation Minutes',
      label: 'MIN',
      symbol: '⏰',
      precision: 2,
      kind: 'custom',
      rates: [
        {
          source: 'USD',
          rate: 0.1,
          inverse_rate: 10,
          effective_at: '2026-01-01T00:00:00.000Z',
          created_at: '2026-01-01T00:00:00.000Z',
        },
      ],
      scheduled_rates: [],
      created_at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('matches codes case-insensitively and echoes the canonical spelling', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'Gems', name: 'Studio Gems', precision: 0 });
    expect(engine.getAsset('GEMS').code).toBe('Gems');
    expect(engine.getAsset('gems').code).toBe('Gems');
    const dup = engineError(() => engine.createAsset({ code: 'GEMS', name: 'Again', precision: 0 }), 409, 'conflict');
    expect(dup.detail).toBe('asset Gems already exists');
  });

  it('resolves built-in fiat currencies and refuses to shadow them', () => {
    const engine = memoryEngine();
    expect(engine.getAsset('usd')).toMatchObject({ code: 'USD', precision: 6, kind: 'fiat', rates: [] });
    for (const code of ['EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'INR', 'BRL', 'SEK', 'PLN']) {
      expect(engine.getAsset(code).precision).toBe(6);
    }
    engineError(() => engine.createAsset({ code: 'usd', name: 'Mine', precision: 2 }), 409, 'conflict');
    engineError(() => engine.getAsset('NOPE'), 404, 'not_found');
  });

  it('names every bad field and its value', () => {
    const engine = memoryEngine();
    const e = engineError(
      () => engine.createAsset({ code: 'has space', precision: 19, label: 'x'.repeat(40), rates: [{ source: 'XXX', rate: '1' }] }),
      422,
      'validation_failed',
    );
    expect(e.errors).toEqual({
      code: ['code "has space" is not a valid asset code (1 to 32 letters, digits, _ or -)'],
      name: ['name is required'],
      label: [`label "${'x'.repeat(40)}" is longer than 32 characters`],
      precision: ['precision 19 is not an integer from 0 to 18'],
      'rates[0].source': ['rates[0].source "XXX" is not a fiat currency code'],
    });
    engineError(() => engine.createAsset({ code: 'x'.repeat(33), name: 'n', precision: 0 }), 422);
    engineError(() => engine.createAsset({ code: 'OK', name: 'n', precision: '2' }), 422);
    engineError(() => engine.createAsset([]), 400, 'bad_request');
  });

  it('lists custom assets newest first, paged', () => {
    const engine = memoryEngine();
    for (const code of ['A1', 'A2', 'A3']) engine.createAsset({ code, name: code, precision: 0 });
    const page = engine.listAssets({ limit: '2' });
    expect(page.items.map((a) => a.code)).toEqual(['A3', 'A2']);
    expect(page).toMatchObject({ total_count: 3, limit: 2, offset: 0 });
    expect(engine.listAssets({ offset: '2' }).items.map((a) => a.code)).toEqual(['A1']);
    expect(engine.listAssets().limit).toBe(20);
    engineError(() => engine.listAssets({ limit: '101' }), 422, 'validation_failed');
    engineError(() => engine.listAssets({ limit: '0' }), 422);
    engineError(() => engine.listAssets({ offset: '-1' }), 422);
  });
});
