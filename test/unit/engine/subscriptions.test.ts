import { describe, expect, it } from 'vitest';
import { engineError, json, memoryEngine } from './fixture.js';
import { publishedProduct, usagePrice } from './pricing-fixture.js';

describe('subscriptions', () => {
  function catalog() {
    const engine = memoryEngine();
    engine.createAsset({ code: 'CREDIT', name: 'Credits', precision: 0 });
    engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0 });
    const imagesId = publishedProduct(engine, 'images', [usagePrice('image', {}, [{ unit_price: 1 }], { asset: 'TOK' })]);
    const proId = engine.createProduct({
      code: 'pro',
      name: 'Pro',
      publish: true,
      prices: [usagePrice('call', {}, [{ unit_price: '0.01' }])],
      entitlements: [{ asset: 'CREDIT', amount: 100, purpose: 'bundled', refresh: { interval: 'month' } }],
    }).id;
    engine.createProduct({ code: 'draft_only', name: 'Draft', prices: [usagePrice('x', {}, [{ unit_price: 1 }])] });
    return { engine, imagesId, proId };
  }

  it('subscribes at creation, opens accounts for every priced or granted asset; a fee-less plan grants at once', () => {
    const { engine, imagesId, proId } = catalog();
    const customer = engine.createCustomer({
      name: 'Ada',
      subscriptions: [{ products: [{ code: 'images', version: 1 }] }, { products: [{ code: 'PRO', version: 'default' }] }],
    });
    expect(customer.subscriptions).toEqual([
      { id: expect.stringMatching(/^sub_/), status: 'active', started_at: '2026-01-01T00:00:00.000Z', products: [{ id: imagesId, code: 'images', version: 1 }], required_actions: [] },
      { id: expect.stringMatching(/^sub_/), status: 'active', started_at: '2026-01-01T00:00:00.000Z', products: [{ id: proId, code: 'pro', version: 1 }], required_actions: [] },
    ]);
    expect(engine.getWallet(customer.id).accounts.map((a) => `${a.id} ${json(a.available)}`)).toEqual([
      'default:TOK 0',
      'default:USD 0',
      'default:CREDIT 100',
    ]);
    expect(engine.listCustomers().items[0].subscriptions).toHaveLength(2);
    expect(engine.verify()).toEqual([]);
  });

  it('adds a subscription to an existing customer; the same product twice is a 409', () => {
    const { engine, proId } = catalog();
    const id = engine.createCustomer({ name: 'Ada' }).id;
    const sub = engine.createSubscription(id, { products: [{ code: 'pro' }] });
    expect(sub).toMatchObject({ status: 'active', products: [{ id: proId, code: 'pro', version: 1 }], required_actions: [] });
    expect(engine.getCustomer(id).subscriptions).toEqual([sub]);
    engineError(() => engine.createSubscription(id, { products: [{ code: 'pro' }] }), 409, 'conflict');
    engineError(() => engine.createSubscription('cust_nobody', { products: [{ code: 'pro' }] }), 404, 'not_found');
  });

  it('refuses unknown, draft and missing versions, all or nothing', () => {
    const { engine } = catalog();
    const e = engineError(
      () =>
        engine.createCustomer({
          name: 'Ada',
          external_id: 'ada',
          subscriptions: [
            {
              products: [
                { code: 'images' },
                { code: 'nope' },
                { code: 'draft_only' },
                { code: 'pro', version: 7 },
                { code: 'pro', version: 'latest' },
              ],
            },
          ],
        }),
      422,
    );
    expect(e.errors).toEqual({
      'subscriptions[0].products[1].code': ['subscriptions[0].products[1].code "nope" is not a product'],
      'subscriptions[0].products[2].code': ['product draft_only has no published version to subscribe to'],
      'subscriptions[0].products[3].version': ['product pro has no version 7'],
      'subscriptions[0].products[4].version': ['subscriptions[0].products[4].version must be a version number or "default", got "latest"'],
    });
    engine.addProductVersion('pro', { name: 'Pro 2', prices: [usagePrice('call', {}, [{ unit_price: 1 }])] });
    expect(engineError(() => engine.createSubscription(engine.createCustomer({ name: 'B' }).id, { products: [{ code: 'pro', version: 2 }] }), 422).errors).toEqual({
      'products[0].version': ['version 2 of pro is a draft; publish it first'],
    });
    expect(engineError(() => engine.createCustomer({ name: 'C', subscriptions: [{ products: [{ code: 'pro' }] }, { products: [{ code: 'pro' }] }] }), 422).errors).toHaveProperty(
      'subscriptions',
    );
    expect(engine.listCustomers().items.map((c) => c.name)).toEqual(['B']);
  });
});
