import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { engineError, fileEngine, json, memoryEngine, testClock } from './fixture.js';
import { usagePrice } from './pricing-fixture.js';

const unitPrice = (value: unknown = '0.5') => usagePrice('video_promoted', { usage_type: 'unit' }, [{ unit_price: value }]);

describe('products', () => {
  it('creates a draft, publishes it as the default, and reads it by id or code', () => {
    const clock = testClock();
    const engine = memoryEngine(clock);
    const created = engine.createProduct({ code: 'glitch_video', name: 'Glitch video', description: 'Videos', prices: [unitPrice()] });
    expect(created).toEqual({ id: created.id, code: 'glitch_video', version: 1, status: 'draft', is_default: false });
    expect(created.id).toMatch(/^prp_[0-9a-hjkmnp-tv-z]{26}$/);
    clock.advance(1000);
    const published = engine.updateProductVersion('glitch_video', '1', { publish: true });
    expect(published).toMatchObject({ version: 1, status: 'published', is_default: true, published_at: '2026-01-01T00:00:01.000Z' });
    const product = engine.getProduct(created.id);
    expect(json(product)).toBe(
      json({
        id: created.id,
        code: 'glitch_video',
        name: 'Glitch video',
        description: 'Videos',
        default_version: 1,
        versions: [
          {
            version: 1,
            status: 'published',
            is_default: true,
            name: 'Glitch video',
            description: 'Videos',
            prices: [
              {
                type: 'usage_based',
                billing_model: { type: 'real_time' },
                usage_calculation: { event_type: 'video_promoted', usage_type: 'unit' },
                pricing: [{ asset: 'USD', values: [{ unit_price: 0.5 }] }],
              },
            ],
            entitlements: [],
            created_at: '2026-01-01T00:00:00.000Z',
            published_at: '2026-01-01T00:00:01.000Z',
          },
        ],
        created_at: '2026-01-01T00:00:00.000Z',
      }),
    );
    expect(engine.getProduct('GLITCH_VIDEO')).toEqual(product);
    expect(engine.getProductByCode('glitch_video')).toEqual(product);
    engineError(() => engine.getProductByCode('nope'), 404, 'not_found');
    engineError(() => engine.getProduct('prp_nope'), 404, 'not_found');
  });

  it('adds versions, publishes and switches the default explicitly, lists newest first', () => {
    const engine = memoryEngine();
    const { id } = engine.createProduct({ code: 'p', name: 'P', prices: [unitPrice()], publish: true });
    expect(engine.addProductVersion(id, { name: 'P2', prices: [unitPrice(1)] })).toEqual({ id, code: 'p', version: 2, status: 'draft', is_default: false });
    expect(engine.addProductVersion('p', { code: 'P', name: 'P3', prices: [unitPrice(2)], publish: true })).toMatchObject({ version: 3, is_default: false });
    const e = engineError(() => engine.updateProductVersion(id, '2', { make_default: true }), 422, 'validation_failed');
    expect(e.errors).toEqual({ make_default: ['version 2 of p is a draft; publish it before making it the default'] });
    expect(engine.updateProductVersion(id, '3', { make_default: true })).toMatchObject({ version: 3, is_default: true });
    expect(engine.updateProductVersion(id, 'default', { publish: true })).toMatchObject({ version: 3 });
    const product = engine.getProduct(id);
    expect(product).toMatchObject({ name: 'P3', default_version: 3 });
    expect(product.versions.map((v) => [v.version, v.status, v.is_default])).toEqual([
      [3, 'published', true],
      [2, 'draft', false],
      [1, 'published', false],
    ]);
    engineError(() => engine.updateProductVersion(id, '9', { publish: true }), 404, 'not_found');
    engineError(() => engine.updateProductVersion(id, 'latest', { publish: true }), 404, 'not_found');
    expect(engineError(() => engine.updateProductVersion(id, '1', { publish: false }), 422).errors).toEqual({ publish: ['publish can only be true, got false'] });
    expect(engineError(() => engine.updateProductVersion(id, '1', {}), 422).errors).toHaveProperty('publish');
    expect(engineError(() => engine.addProductVersion(id, { code: 'q', name: 'Q', prices: [unitPrice()] }), 422).errors).toHaveProperty('code');
    engine.createProduct({ code: 'q', name: 'Q', prices: [unitPrice()] });
    const page = engine.listProducts({ limit: '1' });
    expect(page).toMatchObject({ total_count: 2, limit: 1, offset: 0 });
    expect(page.items.map((p) => p.code)).toEqual(['q']);
    expect(engine.getProduct('q')).toMatchObject({ default_version: null, name: 'Q' });
  });

  it('answers 409 for a taken code, in any case', () => {
    const engine = memoryEngine();
    const first = engine.createProduct({ code: 'Studio', name: 'S', prices: [unitPrice()] });
    const e = engineError(() => engine.createProduct({ code: 'studio', name: 'S', prices: [unitPrice()] }), 409, 'conflict');
    expect(e.extra).toEqual({ existing_id: first.id });
    expect(engineError(() => engine.createProduct({ code: 'bad code!', name: 'S', prices: [unitPrice()] }), 422).errors).toHaveProperty('code');
  });

  it('keeps published versions immutable, even from outside the engine', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      engine.createProduct({ code: 'p', name: 'P', prices: [unitPrice()], publish: true });
      const db = new Database(path);
      expect(() => db.prepare("UPDATE product_versions SET prices = '[]'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM product_versions').run()).toThrow(/never deleted/);
      db.close();
    } finally {
      cleanup();
    }
  });

  it('stores fixed prices and both entitlement shapes', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'CREDIT', name: 'Credits', precision: 0 });
    const fixed = { name: 'Pro monthly', type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'month' } }, pricing: [{ asset: 'usd', values: [{ unit_price: 29 }] }] };
    const entitlements = [
      { name: 'Monthly credits', asset: 'credit', amount: 1000, purpose: 'bundled', refresh: { interval: 'month', strategy: 'expire_and_replace' }, accounting: { revenue_basis: 0, cost_basis: 'auto' } },
      { name: 'Free tier', asset: 'CREDIT', amount: 50, purpose: 'promotion', lifecycle: { duration: 'month', duration_count: 1, refresh: { strategy: 'expire_and_replace' } } },
    ];
    const { id } = engine.createProduct({ code: 'pro', name: 'Pro', prices: [fixed], entitlements, publish: true });
    const version = engine.getProduct(id).versions[0];
    expect(json(version.prices)).toBe(
      '[{"name":"Pro monthly","type":"fixed","billing_model":{"type":"recurring","recurring":{"interval":"month"}},"pricing":[{"asset":"USD","values":[{"unit_price":29}]}]}]',
    );
    expect(json(version.entitlements)).toBe(
      '[{"name":"Monthly credits","asset":"CREDIT","amount":1000,"purpose":"bundled","refresh":{"interval":"month","strategy":"expire_and_replace"},' +
        '"accounting":{"revenue_basis":0,"cost_basis":"auto"}},{"name":"Free tier","asset":"CREDIT","amount":50,"purpose":"promotion",' +
        '"lifecycle":{"duration":"month","duration_count":1,"refresh":{"strategy":"expire_and_replace"}}}]',
    );
  });

  it('accepts rates finer than the asset precision', () => {
    const engine = memoryEngine();
    const price = usagePrice('tokens', { usage_type: 'volume', volume_field: 'n' }, [{ volume_rate: '0.00000125' }]);
    expect(engine.createProduct({ code: 'fine', name: 'Fine', prices: [price] }).version).toBe(1);
  });
});

describe('product validation', () => {
  function errors(product: Record<string, unknown>): Record<string, string[]> {
    const engine = memoryEngine();
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0 });
    return engineError(() => engine.createProduct({ code: 'p', name: 'P', ...product }), 422, 'validation_failed').errors ?? {};
  }
  const volume = { usage_type: 'volume', volume_field: 'minutes' };

  it('needs at least one price', () => {
    expect(errors({})).toEqual({ prices: ['prices is required: a product has at least one price'] });
    expect(errors({ prices: [] })).toEqual({ prices: ['prices must hold at least one price'] });
  });

  it('refuses negative, zero and missing price values', () => {
    expect(errors({ prices: [unitPrice('-1')] })).toEqual({
      'prices[0].pricing[0].values[0].unit_price': ['prices[0].pricing[0].values[0].unit_price must be greater than zero, got -1'],
    });
    expect(Object.keys(errors({ prices: [unitPrice(0)] }))).toEqual(['prices[0].pricing[0].values[0].unit_price']);
    expect(errors({ prices: [usagePrice('e', volume, [{}])] })).toEqual({
      'prices[0].pricing[0].values[0].volume_rate': ['prices[0].pricing[0].values[0].volume_rate is required for a volume price'],
    });
    expect(Object.keys(errors({ prices: [usagePrice('e', { ...volume, usage_type: 'unit_and_volume' }, [{}])] }))).toEqual([
      'prices[0].pricing[0].values[0].unit_price',
    ]);
  });

  it('refuses an unknown asset and the wrong kind of value for the usage type', () => {
    expect(errors({ prices: [usagePrice('e', {}, [{ unit_price: 1 }], { asset: 'GEMS' })] })).toEqual({
      'prices[0].pricing[0].asset': ['prices[0].pricing[0].asset "GEMS" is neither a fiat currency nor a created asset'],
    });
    expect(errors({ prices: [usagePrice('e', volume, [{ unit_price: 1, volume_rate: 1 }])] })).toEqual({
      'prices[0].pricing[0].values[0].unit_price': [
        'prices[0].pricing[0].values[0].unit_price does not apply to a volume price; give volume_rate (use unit_and_volume for both)',
      ],
    });
    expect(Object.keys(errors({ prices: [usagePrice('e', {}, [{ unit_price: 1, volume_rate: 1, package_size: 10 }])] }))).toEqual([
      'prices[0].pricing[0].values[0].volume_rate',
      'prices[0].pricing[0].values[0].package_size',
    ]);
  });

  it('refuses a volume price without volume_field, a bad package_size and a missing event_type', () => {
    expect(errors({ prices: [usagePrice('e', { usage_type: 'volume' }, [{ volume_rate: 1 }])] })).toEqual({
      'prices[0].usage_calculation.volume_field': [
        "prices[0].usage_calculation.volume_field is required for a volume price: it names the quantity in the event's data",
      ],
    });
    for (const size of [0, -5, '1.5']) {
      expect(Object.keys(errors({ prices: [usagePrice('e', volume, [{ volume_rate: 1, package_size: size }])] }))).toEqual([
        'prices[0].pricing[0].values[0].package_size',
      ]);
    }
    const price = usagePrice('e', {}, [{ unit_price: 1 }]);
    (price.usage_calculation as Record<string, unknown>).event_type = undefined;
    expect(errors({ prices: [price] })).toEqual({ 'prices[0].usage_calculation.event_type': ['prices[0].usage_calculation.event_type is required'] });
  });

  it('refuses duplicate dimension entries and dimension keys that are not billable', () => {
    const usage = { ...volume, billable_dimensions: ['speed'] };
    const fast = { dimensions: { speed: 'fast' }, values: [{ volume_rate: 1 }] };
    expect(errors({ prices: [usagePrice('e', usage, [fast, { ...fast, name: 'again' }])] })).toEqual({
      'prices[0].pricing[0].values[1].dimensions': [
        'prices[0].pricing[0].values[1].dimensions duplicates values[0]: each combination is priced once',
      ],
    });
    expect(errors({ prices: [usagePrice('e', usage, [{ dimensions: { speed: 'fast', gpu: 'a100' }, values: [{ volume_rate: 1 }] }])] })).toEqual({
      'prices[0].pricing[0].values[0].dimensions.gpu': ['prices[0].pricing[0].values[0].dimensions.gpu is not one of billable_dimensions (speed)'],
    });
    expect(Object.keys(errors({ prices: [usagePrice('e', volume, [{ dimensions: { speed: 'fast' }, volume_rate: 1 }])] }))).toEqual([
      'prices[0].pricing[0].values[0].dimensions',
    ]);
  });

  it('refuses a bad fixed price and a bad entitlement', () => {
    const fixed = { type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'fortnight' } }, pricing: [{ asset: 'USD', values: [{ unit_price: -29 }] }] };
    expect(Object.keys(errors({ prices: [fixed] }))).toEqual([
      'prices[0].billing_model.recurring.interval',
      'prices[0].pricing[0].values[0].unit_price',
    ]);
    const entitlement = { asset: 'TOK', amount: '1.5', purpose: 'free', refresh: { interval: 'month' }, lifecycle: { duration: 'month' } };
    expect(Object.keys(errors({ prices: [unitPrice()], entitlements: [entitlement] }))).toEqual([
      'entitlements[0].amount',
      'entitlements[0].purpose',
      'entitlements[0].lifecycle',
    ]);
  });
});
