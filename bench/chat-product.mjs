/** A real-time volume price in USD per 1,000,000 of `field` on `response_completed` events. */
const price = (field, rate) => ({
  name: field,
  type: 'usage_based',
  billing_model: { type: 'real_time' },
  usage_calculation: { event_type: 'response_completed', usage_type: 'volume', volume_field: field },
  pricing: [{ asset: 'USD', values: [{ volume_rate: rate, package_size: 1000000 }] }],
});

/** The benchmarks' product: two volume prices, so an event with both fields is billed two fees. */
export const CHAT_PRODUCT = {
  code: 'chat_api',
  name: 'Chat API',
  prices: [price('input_tokens', 1.25), price('output_tokens', 10)],
};
