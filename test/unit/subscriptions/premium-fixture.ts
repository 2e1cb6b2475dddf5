import type { Engine } from '../../../src/engine/index.js';

/** Credyt's own entitlements example: 20 USD a month, 1,000 CREDIT a month, 10 CREDIT an image. */
export function premiumPlan(engine: Engine, code = 'premium_monthly_01'): void {
  if (!engine.listAssets().items.some((a) => a.code === 'CREDIT')) engine.createAsset({ code: 'CREDIT', name: 'Credits', precision: 0 });
  engine.createProduct({
    name: 'Premium Plan',
    code,
    entitlements: [
      {
        name: 'Monthly Credit Allowance',
        asset: 'CREDIT',
        amount: 1000,
        purpose: 'bundled',
        lifecycle: { duration: 'month', duration_count: 1, refresh: { strategy: 'expire_and_replace' } },
        accounting: { revenue_basis: 0.0, cost_basis: 'auto' },
      },
    ],
    prices: [
      { name: 'Monthly Subscription Fee', type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'month' } }, pricing: [{ asset: 'USD', values: [{ unit_price: 20 }] }] },
      {
        name: 'Image Generation',
        type: 'usage_based',
        billing_model: { type: 'real_time' },
        usage_calculation: { event_type: 'image_generated', usage_type: 'unit' },
        pricing: [{ asset: 'CREDIT', values: [{ unit_price: 10 }] }],
      },
    ],
    publish: true,
  });
}

