import { describe, expect, it } from 'vitest';
import { engineError, json, memoryEngine, uuid } from './fixture.js';
import { subscriber, tokenProduct, usagePrice } from './pricing-fixture.js';

describe('simulate-usage', () => {
  it('prices events against a version, drafts included, and changes nothing', () => {
    const engine = memoryEngine();
    const productId = tokenProduct(engine);
    const customer = subscriber(engine, ['chat_api']);
    engine.addProductVersion(productId, {
      name: 'Chat v2',
      prices: [usagePrice('response_completed', { usage_type: 'volume', volume_field: 'input_tokens' }, [{ volume_rate: 2, package_size: 1_000_000 }])],
    });
    const before = { wallet: json(engine.getWallet(customer)), product: json(engine.getProduct(productId)), verify: engine.verify() };
    const id = uuid();
    const events = [
      { id, event_type: 'response_completed', data: { input_tokens: 1_000_000, output_tokens: 1_000_000 } },
      { event_type: 'response_completed', data: { input_tokens: 1234 } },
      { event_type: 'unpriced' },
    ];

    const v1 = engine.simulateUsage('chat_api', 'default', { events });
    expect(v1.product_id).toBe(productId);
    expect(v1.version).toBe(1);
    expect(v1.events.map((e) => e.fees.map((f) => json(f.amount)))).toEqual([['1.25', '10'], ['0.001543'], []]);
    expect(v1.events[0].id).toBe(id);
    expect(v1.events[1]).not.toHaveProperty('id');
    expect(json(v1.totals)).toBe('[{"asset":"USD","amount":11.251543}]');

    const draft = engine.simulateUsage(productId, '2', { events });
    expect(draft.events.map((e) => e.fees.map((f) => json(f.amount)))).toEqual([['2'], ['0.002468'], []]);

    expect({ wallet: json(engine.getWallet(customer)), product: json(engine.getProduct(productId)), verify: engine.verify() }).toEqual(before);
    expect(engine.listEvents().total_count).toBe(0);
    engineError(() => engine.getEvent(id), 404);
  });

  it('validates like POST /events, and 404s for an unknown product or version', () => {
    const engine = memoryEngine();
    tokenProduct(engine);
    const e = engineError(() => engine.simulateUsage('chat_api', '1', { events: [{ event_type: 'response_completed', data: { input_tokens: 'x' } }] }), 422);
    expect(Object.keys(e.errors ?? {})).toEqual(['events[0].data.input_tokens']);
    engineError(() => engine.simulateUsage('chat_api', '1', { events: [] }), 422);
    engineError(() => engine.simulateUsage('nope', '1', { events: [{ event_type: 'x' }] }), 404);
    expect(engineError(() => engine.simulateUsage('chat_api', '3', { events: [{ event_type: 'x' }] }), 404).detail).toBe(
      'product chat_api has no version "3"',
    );
    engine.createProduct({ code: 'drafty', name: 'D', prices: [usagePrice('x', {}, [{ unit_price: 1 }])] });
    expect(engineError(() => engine.simulateUsage('drafty', 'default', { events: [{ event_type: 'x' }] }), 404).detail).toBe(
      'product drafty has no default version: none is published',
    );
  });
});
