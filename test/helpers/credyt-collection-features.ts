import { randomUUID } from 'node:crypto';
import type { Folder, Step, Vars } from './credyt-collection.js';

/**
 * The rest of the collection's Features folder (`bruno/credyt-api/Features/`): Assets,
 * Products & Pricing (with its Dimensional Pricing and Entitlements subfolders), Customers,
 * Events and Top-ups. Vendors, C4P, Webhooks and "Get account context" are in
 * credyt-collection-vendors.ts and credyt-collection-accounts.ts. Written as data like the
 * rest (credyt-collection.ts); codes carry the run's suffix so a second run does not
 * collide with the first.
 *
 * The Features requests read variables the collection's environment sets (`productCode`,
 * `demoProductCode`, `customerId`…) left by whichever request ran before; here the requests
 * that need one run after the request that makes it: Assets, then Products & Pricing
 * (its Dimensional Pricing subfolder first, which makes the product the others read), then
 * Customers, Events and Top-ups, sharing one set of variables.
 *
 * The stored collection also holds three older files that later ones replaced and that are
 * not replayed: `Features/Customers/Get Customers` (now List Customers),
 * `Features/Products & Pricing/Dimensional Pricing/Send Usage` (now Send Usage Events) and
 * `Features/Top-ups/Initiate Top-up` (a copy named "Initiate Fiat Top-up copy" with a
 * hard-coded customer id of Credyt's own account).
 */

const uuid = () => randomUUID();
const hex = () => randomUUID().replace(/-/g, '');
const now = () => new Date().toISOString();
const someone = () => `Fea O'Connor-${hex().slice(0, 6)}`;
const email = () => `fea.${hex().slice(0, 8)}@example.com`;
const urls = { return_url: 'https://glitch.ai/account', failure_url: 'https://glitch.ai/callbacks/credyt/failure' };

function video(minutes: number, speed: string) {
  return { id: uuid(), event_type: 'video_generated', occurred_at: now(), subject: `video_${uuid()}`, description: 'Video Generated', data: { minutes, speed } };
}

function customer(name: string, withEmail: boolean, extra: Record<string, unknown> = {}): Step {
  return {
    name,
    method: 'POST',
    path: () => '/customers',
    body: (v) => {
      v.customerExternalId = hex();
      return {
        name: someone(),
        external_id: v.customerExternalId,
        ...(withEmail ? { email: email() } : {}),
        subscriptions: [{ ...extra, products: [{ code: v.productCode }] }],
      };
    },
    keep: (r, v) => {
      v.customerId = r.id;
    },
  };
}

function portalSession(name: string): Step {
  return {
    name,
    method: 'POST',
    path: () => '/billing-portal/sessions',
    body: (v) => ({ customer_id: v.customerId, ...urls }),
    keep: (r, v) => {
      v.token = String(r.redirect_url).split('token=')[1] ?? '';
    },
  };
}

const get = (name: string, path: (v: Vars) => string, keep?: Step['keep']): Step => ({ name, method: 'GET', path, keep });

/** Assets, Products & Pricing (Dimensional Pricing first), Customers, Events and Top-ups. */
export function featuresFolder(run: string): Folder {
  const steps: Step[] = [
    {
      name: 'Features/Assets/Create Asset',
      method: 'POST',
      path: () => '/assets',
      body: (v) => {
        v.assetCode = `VIDGENMIN${run}`;
        return { code: v.assetCode, name: 'Video Generation Minutes', precision: 2, label: 'MIN', rates: [{ source: 'USD', rate: 0.1 }] };
      },
    },
    get('Features/Assets/List Assets', () => '/assets'),
    get('Features/Assets/Get Asset Details', (v) => `/assets/${v.assetCode}`),
    { name: 'Features/Assets/Get Asset Quote', method: 'POST', path: (v) => `/assets/${v.assetCode}/quote`, body: () => ({ source: 'USD', amount: 10 }) },

    {
      name: 'Features/Products & Pricing/Dimensional Pricing/Create a Product',
      method: 'POST',
      path: () => '/products',
      body: () => ({
        name: 'Glitch Video Advanced',
        code: `glitch_video_adv_${run}`,
        prices: [
          {
            name: 'Video Generation Compute',
            type: 'usage_based',
            billing_model: { type: 'real_time' },
            usage_calculation: {
              event_type: 'video_generated',
              usage_type: 'unit_and_volume',
              volume_field: 'minutes',
              source_reference_field: 'video_id',
              billable_dimensions: ['speed'],
            },
            pricing: [
              {
                asset: 'USD',
                values: [
                  { name: 'Video Generation Minutes (Fast)', dimensions: { speed: 'fast' }, values: [{ volume_rate: 1 }] },
                  { name: 'Video Generation Minutes (Regular)', dimensions: { speed: 'regular' }, values: [{ volume_rate: 0.4 }] },
                ],
              },
            ],
          },
        ],
        publish: true,
      }),
      keep: (r, v) => {
        v.productId = r.id;
        v.productCode = r.code;
        // The environment's demo product: here the one this run made.
        v.demoProductCode = r.code;
      },
    },
    customer('Features/Products & Pricing/Dimensional Pricing/Create a Customer', false),
    portalSession('Features/Products & Pricing/Dimensional Pricing/Create Portal Session'),
    {
      name: 'Features/Products & Pricing/Dimensional Pricing/Send Usage Events',
      method: 'POST',
      path: () => '/events',
      body: (v) => ({ customer_id: v.customerId, events: [video(10, 'fast'), video(100, 'regular')] }),
      keep: (_r, v) => {
        v.videoCustomerId = v.customerId;
      },
    },
    get('Features/Products & Pricing/List Products', () => '/products'),
    get('Features/Products & Pricing/Get Product Details', (v) => `/products/${v.productId}`),
    get('Features/Products & Pricing/Get Product by Code', (v) => `/products?code=${v.productCode}`, (r, v) => {
      if (r?.id) v.productId = r.id;
    }),
    { name: 'Features/Products & Pricing/Publish a product', method: 'PATCH', path: (v) => `/products/${v.productId}/1`, body: () => ({ publish: true }) },
    get('Features/Products & Pricing/Get the demo Product', (v) => `/products?code=${v.demoProductCode}`, (r, v) => {
      if (r?.id) {
        v.productId = r.id;
        v.productCode = r.code;
      }
    }),
    {
      name: 'Features/Products & Pricing/Simulate Product Usage',
      method: 'POST',
      path: (v) => `/products/${v.productId}/default/simulate-usage`,
      body: () => ({ events: [video(10, 'fast'), video(100, 'regular')] }),
    },

    customer('Features/Customers/Create a Customer', true),
    get('Features/Customers/Get Customer Details', (v) => `/customers/${v.customerId}`),
    get('Features/Customers/List Customers', () => '/customers'),
    get('Features/Customers/Get Customer by External ID', (v) => `/customers?external_id=${v.customerExternalId}`, (r, v) => {
      if (r?.id) {
        v.customerId = r.id;
        v.customerExternalId = r.external_id;
      }
    }),
    portalSession('Features/Customers/Create Portal Session'),

    get('Features/Events/List Events', () => '/events', (r, v) => {
      if (r?.items?.length) v.eventId = r.items[0].id;
    }),
    get('Features/Events/List Events by Customer', (v) => `/events?customer_id=${v.customerId}`, (r, v) => {
      if (r?.items?.length) v.eventId = r.items[0].id;
    }),
    get('Features/Events/Get Event Details', (v) => `/events/${v.eventId}`),

    {
      name: 'Features/Top-ups/Initiate Fiat Top-up',
      method: 'POST',
      path: () => '/top-ups',
      body: (v) => ({
        customer_id: v.customerId,
        amount: 20.0,
        currency: 'USD',
        description: 'Video Promotion Credits',
        return_url: 'https://glitch.ai/account',
        failure_url: 'https://glitch.ai/callbacks/credyt-failure',
      }),
    },
  ];
  // The Customers folder's customer uses the product without spending: the 20 USD top-up
  // waits for its checkout.
  return { name: 'Features', steps, wallet: { 'default:USD': { available: 0, pending_in: 20 } } };
}

/**
 * `Features/Products & Pricing/Entitlements`: a credit asset, the Premium plan (20 USD a
 * month and 1,000 CREDIT bundled, refreshed `expire_and_replace`), a free tier (50 CREDIT a
 * day, promotional), and a customer on the Premium plan.
 *
 * Why the customer's wallet is empty: the Premium plan has a recurring fixed fee, so its
 * subscription starts `pending` until the first period is paid (docs/subscriptions.md);
 * no allowance is granted before that, and usage is not billed while pending. The one
 * change to the requests as Credyt wrote them: that customer's subscription carries
 * `return_url` and `failure_url`, which the engine requires of a subscription to a fixed
 * fee (422 naming them otherwise) because the payment page needs somewhere to go back to.
 * The asset's code carries the run's suffix (CREDIT would collide on a second run).
 */
export function entitlementsFolder(run: string): Folder {
  const credit = `CREDIT${run}`;
  const apiCall = () => ({ id: uuid(), event_type: 'api_call', occurred_at: now(), subject: `req_${uuid()}`, description: 'API Call' });
  const imagePrice = (unitPrice: number) => ({
    name: 'Image Generation',
    type: 'usage_based',
    billing_model: { type: 'real_time' },
    usage_calculation: { event_type: 'image_generated', usage_type: 'unit' },
    pricing: [{ asset: credit, values: [{ unit_price: unitPrice }] }],
  });
  const steps: Step[] = [
    {
      name: 'Features/Products & Pricing/Entitlements/Create a Credit Asset',
      method: 'POST',
      path: () => '/assets',
      body: () => ({ code: credit, name: 'Credits', precision: 0, symbol: '⭐', label: 'CR', rates: [{ source: 'USD', rate: 0.05 }] }),
    },
    {
      name: 'Features/Products & Pricing/Entitlements/Create a Product with Entitlements',
      method: 'POST',
      path: () => '/products',
      body: () => ({
        name: 'Premium Plan',
        code: `premium_monthly_01_${run}`,
        description: 'Standard monthly subscription with included credit allowance.',
        entitlements: [
          {
            name: 'Monthly Credit Allowance',
            asset: credit,
            amount: 1000,
            purpose: 'bundled',
            refresh: { interval: 'month', strategy: 'expire_and_replace' },
            accounting: { revenue_basis: 0, cost_basis: 'auto' },
          },
        ],
        prices: [
          {
            name: 'Monthly Subscription Fee',
            type: 'fixed',
            billing_model: { type: 'recurring', recurring: { interval: 'month' } },
            pricing: [{ asset: 'USD', values: [{ unit_price: 20 }] }],
          },
          imagePrice(10),
        ],
        publish: true,
      }),
      keep: (r, v) => {
        v.productId = r.id;
        v.productCode = r.code;
      },
    },
    {
      name: 'Features/Products & Pricing/Entitlements/Create a Free Tier Product (Promotional)',
      method: 'POST',
      path: () => '/products',
      body: () => ({
        name: 'Free Tier Product',
        code: `free_tier_01_${run}`,
        entitlements: [
          {
            name: 'Daily Reward',
            asset: credit,
            amount: 50,
            purpose: 'promotion',
            refresh: { interval: 'day', strategy: 'expire_and_replace' },
            accounting: { revenue_basis: 0.0, cost_basis: 'auto' },
          },
        ],
        prices: [imagePrice(5)],
        publish: true,
      }),
      keep: (r, v) => {
        v.freeProductId = r.id;
        v.freeProductCode = r.code;
      },
    },
    customer('Features/Products & Pricing/Entitlements/Create a Customer', true, urls),
    {
      name: 'Features/Products & Pricing/Entitlements/Simulate Usage',
      method: 'POST',
      path: (v) => `/products/${v.productId}/default/simulate-usage`,
      body: () => ({ events: [{ ...apiCall(), data: {} }] }),
    },
    get('Features/Products & Pricing/Entitlements/Get Product Details', (v) => `/products/${v.productId}`),
    { name: 'Features/Products & Pricing/Entitlements/Send Usage Events', method: 'POST', path: () => '/events', body: (v) => ({ customer_id: v.customerId, events: [apiCall()] }) },
    get('Features/Products & Pricing/Entitlements/Check Customer Balances', (v) => `/customers/${v.customerId}/wallet`),
  ];
  return { name: 'Features/Products & Pricing/Entitlements', steps, wallet: {} };
}
