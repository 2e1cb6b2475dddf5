import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { LosslessNumber } from '../../../src/json/parse.js';
import { diffCanon, canon, normalizePrice, normalizeProductBody } from '../../../src/pricing/canonical.js';
import { pendingItems, planPricing } from '../../../src/pricing/plan.js';
import type { LiveState } from '../../../src/pricing/live.js';
import type { PricingFile } from '../../../src/pricing/model.js';
import type { Asset } from '../../../src/client/types.js';
import type { Product } from '../../../src/client/catalog-types.js';

const n = (s: string) => new LosslessNumber(s);
const d = (s: string) => new Decimal(s);
const NOW = new Date('2026-06-01T00:00:00Z');

const price = (rate: string) => ({
  name: 'Input',
  type: 'usage_based',
  usage_calculation: { event_type: 'chat', usage_type: 'volume', volume_field: 'tokens' },
  pricing: [{ asset: 'usd', values: [{ volume_rate: d(rate), package_size: d('1000000') }] }],
});
/** How the API answers the same price: normalised, numbers as received. */
const livePrice = (rate: string) => ({
  name: 'Input',
  type: 'usage_based',
  billing_model: { type: 'real_time' },
  usage_calculation: { event_type: 'chat', usage_type: 'volume', volume_field: 'tokens' },
  pricing: [{ asset: 'USD', values: [{ volume_rate: n(rate), package_size: n('1000000') }] }],
});

function file(partial: Partial<PricingFile>): PricingFile {
  return { assets: [], products: [], tests: [], ...partial };
}

const tok = (rates: PricingFile['assets'][number]['rates']): PricingFile['assets'][number] => ({
  code: 'TOK',
  name: 'Tokens',
  label: 'tok',
  precision: d('0'),
  rates,
});

function liveTok(over: Partial<Asset> = {}): Asset {
  return {
    code: 'TOK',
    name: 'Tokens',
    label: 'tok',
    symbol: null,
    precision: n('0'),
    rates: [{ source: 'USD', rate: n('0.00001'), inverse_rate: n('100000'), effective_at: '2026-01-01T00:00:00Z' }],
    scheduled_rates: [],
    ...over,
  };
}

function liveProduct(versions: { version: number; rate: string; is_default: boolean; status?: string }[]): Product {
  return {
    id: 'prp_01kgcaa780ez4v7qwj8tnbbndq',
    code: 'chat_api',
    name: 'Chat',
    default_version: n(String(versions.find((v) => v.is_default)?.version ?? 1)),
    versions: versions.map((v) => ({
      version: n(String(v.version)),
      status: v.status ?? 'published',
      is_default: v.is_default,
      name: 'Chat',
      description: null,
      prices: [livePrice(v.rate)],
      entitlements: [],
    })),
  };
}

const chat = (rate: string) => ({ code: 'chat_api', name: 'Chat', prices: [price(rate)] });

describe('canonical values', () => {
  it('1.00 equals 1, null equals absent, key order does not count', () => {
    expect(diffCanon(canon({ a: d('1.00'), b: null, c: 'x' }), canon({ c: 'x', a: n('1') }))).toEqual([]);
  });

  it('reports the deepest differing field with both values', () => {
    const changes = diffCanon(canon({ p: [{ v: d('1.25') }, { v: d('2') }] }), canon({ p: [{ v: d('1.5') }, { v: d('2') }] }));
    expect(changes.map((c) => c.path)).toEqual(['p[0].v']);
    expect(String(changes[0]!.from)).toBe('1.25');
    expect(String(changes[0]!.to)).toBe('1.5');
  });

  it('an added or removed element is a change at its index', () => {
    const changes = diffCanon(canon({ p: [1] }), canon({ p: [1, 2] }));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: 'p[1]', from: undefined });
  });

  it('a price written short compares equal to the API’s normalised answer', () => {
    expect(diffCanon(normalizePrice(price('1.25')), normalizePrice(livePrice('1.250')))).toEqual([]);
    expect(diffCanon(normalizeProductBody({ name: 'Chat', prices: [price('1.25')] }), normalizeProductBody({ name: 'Chat', description: null, prices: [livePrice('1.25')], entitlements: [] }))).toEqual([]);
  });

  it('dimension values compare as text (4 and "4" are one value)', () => {
    const withDims = (v: unknown) => ({ type: 'usage_based', pricing: [{ asset: 'USD', values: [{ dimensions: { size: v }, values: [{ unit_price: d('1') }] }] }] });
    expect(diffCanon(normalizePrice(withDims(d('4'))), normalizePrice(withDims('4')))).toEqual([]);
  });
});

describe('planPricing', () => {
  const empty: LiveState = { assets: [], products: [] };

  it('creates what is missing: the asset with its current rates, scheduled rates after it, the product published', () => {
    const plan = planPricing(
      file({
        assets: [tok([{ source: 'USD', rate: d('0.00001') }, { source: 'USD', rate: d('0.00002'), effective_at: '2099-01-01T00:00:00Z' }])],
        products: [chat('1.25')],
      }),
      empty,
      { now: NOW },
    );
    expect(plan.items.map((i) => [i.kind, i.action])).toEqual([['asset', 'create'], ['product', 'create']]);
    expect(plan.items[0]!.steps.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /assets', 'POST /assets/TOK/rates']);
    expect(plan.items[0]!.steps[0]!.body.rates).toEqual([{ source: 'USD', rate: d('0.00001') }]);
    expect(plan.items[0]!.steps[1]!.body).toEqual({ source: 'USD', rate: d('0.00002'), effective_at: '2099-01-01T00:00:00Z' });
    expect(plan.items[1]!.steps[0]!.body).toMatchObject({ code: 'chat_api', publish: true });
  });

  it('in sync: the same rate (either side of it), the same product', () => {
    const live: LiveState = { assets: [liveTok()], products: [liveProduct([{ version: 1, rate: '1.25', is_default: true }])] };
    for (const rate of [{ rate: d('0.00001') }, { inverse_rate: d('100000') }]) {
      const plan = planPricing(file({ assets: [tok([{ source: 'USD', ...rate }])], products: [chat('1.25')] }), live, { now: NOW });
      expect(pendingItems(plan)).toEqual([]);
    }
  });

  it('a changed current rate is add-rate without effective_at', () => {
    const plan = planPricing(file({ assets: [tok([{ source: 'USD', rate: d('0.00003') }])] }), { assets: [liveTok()], products: [] }, { now: NOW });
    const item = plan.items[0]!;
    expect(item.action).toBe('add-rate');
    expect(item.changes.map((c) => [c.path, String(c.from), String(c.to)])).toEqual([['rates.USD', '0.00001', '0.00003']]);
    expect(item.steps).toEqual([{ method: 'POST', path: '/assets/TOK/rates', body: { source: 'USD', rate: d('0.00003') } }]);
  });

  it('a past-dated rate counts as the current one; a future one must be scheduled', () => {
    const rates = [
      { source: 'USD', rate: d('0.00005'), effective_at: '2020-01-01T00:00:00Z' },
      { source: 'USD', rate: d('0.00001'), effective_at: '2026-01-01T00:00:00Z' },
      { source: 'USD', rate: d('0.00002'), effective_at: '2099-01-01T00:00:00Z' },
    ];
    const unscheduled = planPricing(file({ assets: [tok(rates)] }), { assets: [liveTok()], products: [] }, { now: NOW });
    expect(unscheduled.items[0]!.changes.map((c) => c.path)).toEqual(['rates.USD@2099-01-01T00:00:00.000Z']);
    const scheduled = liveTok({
      scheduled_rates: [{ source: 'USD', rate: n('0.00002'), inverse_rate: n('50000'), effective_at: '2099-01-01T00:00:00.000Z' }],
    });
    expect(pendingItems(planPricing(file({ assets: [tok(rates)] }), { assets: [scheduled], products: [] }, { now: NOW }))).toEqual([]);
  });

  it('a scheduled rate live but not in the file is left alone, with a note', () => {
    const live = liveTok({ scheduled_rates: [{ source: 'USD', rate: n('0.1'), inverse_rate: n('10'), effective_at: '2099-01-01T00:00:00Z' }] });
    const plan = planPricing(file({ assets: [tok([{ source: 'USD', rate: d('0.00001') }])] }), { assets: [live], products: [] }, { now: NOW });
    expect(plan.items[0]!.action).toBe('unchanged');
    expect(plan.items[0]!.notes[0]).toMatch(/left alone/);
  });

  it('a changed precision is replace, with no request', () => {
    const plan = planPricing(file({ assets: [{ ...tok([]), precision: d('2') }] }), { assets: [liveTok()], products: [] }, { now: NOW });
    expect(plan.items[0]!.action).toBe('replace');
    expect(plan.items[0]!.steps).toEqual([]);
    expect(plan.items[0]!.changes.map((c) => c.path)).toEqual(['precision']);
  });

  it('a changed price is a new version, published; --make-default adds the PATCH', () => {
    const live: LiveState = { assets: [], products: [liveProduct([{ version: 1, rate: '1.25', is_default: true }])] };
    const plan = planPricing(file({ products: [chat('1.5')] }), live, { now: NOW });
    const item = plan.items[0]!;
    expect(item.action).toBe('new-version');
    expect(item.changes.map((c) => c.path)).toEqual(['prices[0].pricing[0].values[0].volume_rate']);
    expect(item.steps.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /products/prp_01kgcaa780ez4v7qwj8tnbbndq']);
    const withDefault = planPricing(file({ products: [chat('1.5')] }), live, { now: NOW, makeDefault: true });
    expect(withDefault.items[0]!.steps.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /products/prp_01kgcaa780ez4v7qwj8tnbbndq',
      'PATCH /products/prp_01kgcaa780ez4v7qwj8tnbbndq/{version}',
    ]);
  });

  it('a published non-default version that matches is a pending make-default, with or without --make-default', () => {
    const live: LiveState = {
      assets: [],
      products: [liveProduct([{ version: 2, rate: '1.5', is_default: false }, { version: 1, rate: '1.25', is_default: true }])],
    };
    for (const makeDefault of [false, true]) {
      const item = planPricing(file({ products: [chat('1.5')] }), live, { now: NOW, makeDefault }).items[0]!;
      expect(item.action).toBe('make-default');
      expect(item.notes[0]).toMatch(/version 2 is not the default: it matches the file, but new subscribers get version 1/);
      expect(item.changes[0]).toMatchObject({ path: 'default_version' });
      expect(item.changes.map((c) => c.path)).toContain('prices[0].pricing[0].values[0].volume_rate');
      expect(item.steps).toEqual([{ method: 'PATCH', path: '/products/prp_01kgcaa780ez4v7qwj8tnbbndq/2', body: { make_default: true } }]);
    }
  });

  it('a draft that matches does not count: a new version is made', () => {
    const live: LiveState = {
      assets: [],
      products: [liveProduct([{ version: 2, rate: '1.5', is_default: false, status: 'draft' }, { version: 1, rate: '1.25', is_default: true }])],
    };
    expect(planPricing(file({ products: [chat('1.5')] }), live, { now: NOW }).items[0]!.action).toBe('new-version');
  });

  it('a code that changed: create the new product and say the old one stays', () => {
    const live: LiveState = { assets: [], products: [liveProduct([{ version: 1, rate: '1.25', is_default: true }])] };
    const plan = planPricing(file({ products: [{ ...chat('1.25'), code: 'chat_v2' }] }), live, { now: NOW });
    expect(plan.items[0]!.action).toBe('create');
    expect(plan.items[0]!.notes[0]).toMatch(/code cannot change in place/);
  });
});
