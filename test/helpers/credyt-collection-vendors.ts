import { randomUUID } from 'node:crypto';
import type { Folder, Step } from './credyt-collection.js';

/**
 * The vendor requests of the collection's Features folder (`Features/Vendors/*`,
 * `Features/Customers/Get Customer Stats`), around the profitability guide's example: a
 * customer billed 0.05 USD per event, each event costing 0.02 USD at OpenAI. Written as
 * data like the rest (credyt-collection.ts); vendor external ids carry the run's suffix,
 * as codes do, so a second run does not collide with the first.
 */
export function vendorFolder(run: string): Folder {
  const openai = `openai_${run}`;
  const costly = () => ({
    id: randomUUID(),
    event_type: 'chat_completed',
    occurred_at: new Date().toISOString(),
    costs: [{ vendor_external_id: openai, amount: 0.02, currency: 'USD' }],
  });
  const steps: Step[] = [
    {
      name: 'Profitability: Create a Product',
      method: 'POST',
      path: () => '/products',
      body: () => ({
        name: 'Glitch Chat',
        code: `glitch_chat_${run}`,
        publish: true,
        prices: [
          {
            name: 'Chat',
            type: 'usage_based',
            billing_model: { type: 'real_time' },
            usage_calculation: { event_type: 'chat_completed', usage_type: 'unit' },
            pricing: [{ asset: 'USD', values: [{ unit_price: 0.05 }] }],
          },
        ],
      }),
      keep: (r, v) => {
        v.productCode = r.code;
      },
    },
    {
      name: 'Profitability: Create a Customer',
      method: 'POST',
      path: () => '/customers',
      body: (v) => ({ name: 'Profit Co', external_id: `profit_${run}_${randomUUID().slice(0, 8)}`, subscriptions: [{ products: [{ code: v.productCode }] }] }),
      keep: (r, v) => {
        v.customerId = r.id;
      },
    },
    {
      name: 'Profitability: Pre-fund',
      method: 'POST',
      path: (v) => `/customers/${v.customerId}/wallet/adjustments`,
      body: () => ({ transaction_id: randomUUID(), asset: 'USD', amount: 10, reason: 'external_topup' }),
    },
    // The guide's path; the collection's Create Vendor posts to /vendors.
    { name: 'Profitability: Create Vendor (docs path)', method: 'POST', path: () => '/events/vendors', body: () => ({ name: 'OpenAI', external_id: openai }) },
    {
      name: 'Features/Vendors/Create Vendor',
      method: 'POST',
      path: () => '/vendors',
      body: () => ({ name: 'Google', external_id: `google_${run}` }),
      keep: (r, v) => {
        v.vendorId = r.id;
      },
    },
    { name: 'Features/Vendors/List Vendors', method: 'GET', path: () => '/vendors' },
    { name: 'Features/Vendors/Get Vendor By External ID', method: 'GET', path: () => `/vendors?external_id=${openai}` },
    { name: 'Features/Vendors/Get Vendor Details', method: 'GET', path: (v) => `/vendors/${v.vendorId}` },
    { name: 'Profitability: Send Usage Events with Costs', method: 'POST', path: () => '/events', body: (v) => ({ customer_id: v.customerId, events: [costly(), costly(), costly(), costly()] }) },
    { name: 'Features/Vendors/Get Vendor Stats', method: 'GET', path: (v) => `/vendors/${v.vendorId}/stats` },
    { name: 'Features/Customers/Get Customer Stats', method: 'GET', path: (v) => `/customers/${v.customerId}/stats` },
  ];
  // 10 USD less four events at 0.05
  return { name: 'Features/Vendors', steps, wallet: { 'default:USD': { available: 9.8 } } };
}
