import type { Engine } from '../../../src/engine/index.js';

/** A usage price in the contract's shape; `values` are the pricing values for `asset`. */
export function usagePrice(
  eventType: string,
  usage: { usage_type?: string; volume_field?: string; billable_dimensions?: string[] },
  values: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { asset = 'USD', ...rest } = extra;
  return {
    type: 'usage_based',
    billing_model: { type: 'real_time' },
    usage_calculation: { event_type: eventType, usage_type: 'unit', ...usage },
    pricing: [{ asset, values }],
    ...rest,
  };
}

/** Creates and publishes a product; answers its id. */
export function publishedProduct(engine: Engine, code: string, prices: unknown[], name = code): string {
  return engine.createProduct({ code, name, prices, publish: true }).id;
}

/** A customer subscribed to these product codes (default versions). */
export function subscriber(engine: Engine, codes: string[], name = 'Acme AI', externalId?: string): string {
  return engine.createCustomer({
    name,
    ...(externalId ? { external_id: externalId } : {}),
    subscriptions: [{ products: codes.map((code) => ({ code })) }],
  }).id;
}

/** The glitch_video_std product of the quickstart: 0.50 USD per promoted video. */
export function videoProduct(engine: Engine): string {
  return publishedProduct(engine, 'glitch_video_std', [
    usagePrice('video_promoted', { usage_type: 'unit' }, [{ unit_price: '0.5' }], { name: 'Promoted video' }),
  ]);
}

/** The two token prices of the package-size tutorial, per 1,000,000 tokens. */
export function tokenProduct(engine: Engine): string {
  return publishedProduct(engine, 'chat_api', [
    usagePrice('response_completed', { usage_type: 'volume', volume_field: 'input_tokens' }, [
      { volume_rate: '1.25', package_size: 1_000_000 },
    ], { name: 'Input tokens' }),
    usagePrice('response_completed', { usage_type: 'volume', volume_field: 'output_tokens' }, [
      { volume_rate: 10, package_size: 1_000_000 },
    ], { name: 'Output tokens' }),
  ]);
}

export function fund(engine: Engine, customerId: string, asset: string, amount: string | number, transactionId: string): void {
  engine.createAdjustment(customerId, { transaction_id: transactionId, asset, amount, reason: 'external_topup' });
}
