import { randomUUID } from 'node:crypto';

/**
 * The requests of Credyt's public request collection (github.com/credyt/learn, folder
 * `bruno/credyt-api`): the Quickstart and each tutorial, in the collection's order,
 * rewritten as data. Nothing of the collection is copied; each step names the request it
 * stands for. Values the collection's scripts capture from a response (ids, codes,
 * versions, the portal token) land in `vars` through `keep`.
 *
 * Product and asset codes get a per-run suffix: the collection's fixed codes would
 * collide with themselves on a second run against the same server.
 */

export type Vars = Record<string, string>;

export interface Step {
  /** The collection request, e.g. `Quickstart 3: Pre-fund Customer Balance`. */
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: (v: Vars) => string;
  body?: (v: Vars) => unknown;
  /** What the request's post-response script stores for later requests. */
  keep?: (response: any, v: Vars) => void;
}

export interface Folder {
  name: string;
  steps: Step[];
  /** The wallet of the folder's customer once its requests have run, by account id. */
  wallet: Record<string, { available: number; pending_in?: number }>;
}

const uuid = () => randomUUID();
const hex = () => randomUUID().replace(/-/g, '');
const now = () => new Date().toISOString();
/** Stands in for the collection's `{{$randomFullName}}`. */
const someone = () => `${['Zoë', 'Seán', 'Ana María', 'Li'][Math.floor(Math.random() * 4)]} O'Connor-${hex().slice(0, 6)}`;
const urls = { return_url: 'https://glitch.ai/account', failure_url: 'https://glitch.ai/callbacks/credyt/failure' };

/** One usage event as the collection writes it: fresh id and subject, `occurred_at` now. */
function event(eventType: string, subjectPrefix: string, description: string, data?: Record<string, unknown>) {
  return { id: uuid(), event_type: eventType, occurred_at: now(), subject: `${subjectPrefix}_${uuid()}`, description, ...(data ? { data } : {}) };
}

/** A real-time usage price, the only kind the collection's tutorials create. */
function usagePrice(name: string, usageCalculation: Record<string, unknown>, asset: string, values: unknown[]) {
  return { name, type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: usageCalculation, pricing: [{ asset, values }] };
}

/** `POST /products` whose post-response script keeps `id` and `code` under the given names. */
function createProduct(name: string, body: (v: Vars) => Record<string, unknown>, idVar: string, codeVar: string): Step {
  return {
    name,
    method: 'POST',
    path: () => '/products',
    body: (v) => ({ ...body(v), publish: true }),
    keep: (r, v) => {
      v[idVar] = r.id;
      v[codeVar] = r.code;
    },
  };
}

/** `POST /customers` with a fresh external id, subscribed to the products whose codes are in `codeVars`. */
function createCustomer(name: string, codeVars: string[], externalPrefix = ''): Step {
  return {
    name,
    method: 'POST',
    path: () => '/customers',
    body: (v) => ({
      name: someone(),
      external_id: `${externalPrefix}${hex()}`,
      subscriptions: [{ products: codeVars.map((c) => ({ code: v[c] })) }],
    }),
    keep: (r, v) => {
      v.customerId = r.id;
    },
  };
}

function preFund(name: string, asset: string | ((v: Vars) => string), amount: number, description: string): Step {
  return {
    name,
    method: 'POST',
    path: (v) => `/customers/${v.customerId}/wallet/adjustments`,
    body: (v) => ({
      transaction_id: uuid(),
      asset: typeof asset === 'string' ? asset : asset(v),
      amount,
      description,
      reason: 'external_topup',
    }),
  };
}

function sendEvents(name: string, events: () => unknown[]): Step {
  return { name, method: 'POST', path: () => '/events', body: (v) => ({ customer_id: v.customerId, events: events() }) };
}

function simulate(name: string, version: (v: Vars) => string, productVar: string, events: () => unknown[]): Step {
  return { name, method: 'POST', path: (v) => `/products/${v[productVar]}/${version(v)}/simulate-usage`, body: () => ({ events: events() }) };
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

/** The collection's folders, in its order, for one run whose codes end in `run`. */
export function collection(run: string): Folder[] {
  const code = (c: string) => `${c}_${run}`;

  const quickstart: Step[] = [
    // Quickstart 1: Create a Product
    createProduct(
      'Quickstart 1: Create a Product',
      () => ({
        name: 'Glitch Video',
        code: code('glitch_video_std'),
        prices: [
          usagePrice('Video Promotion', { event_type: 'video_promoted', usage_type: 'unit', source_reference_field: 'video_id' }, 'USD', [{ unit_price: 0.5 }]),
        ],
      }),
      'productId',
      'productCode',
    ),
    // Quickstart 2: Create a Customer (the collection prefixes its external id with ext_)
    createCustomer('Quickstart 2: Create a Customer', ['productCode'], 'ext_'),
    // Quickstart 3: Pre-fund Customer Balance
    preFund('Quickstart 3: Pre-fund Customer Balance', 'USD', 20, 'Pre-fund balance'),
    // Quickstart 4: Send Usage Events
    sendEvents('Quickstart 4: Send Usage Events', () => [
      event('video_promoted', 'video', 'Video Promoted', { promo_id: `pro_${uuid()}` }),
    ]),
    // Quickstart 5: Check Customer Balances
    { name: 'Quickstart 5: Check Customer Balances', method: 'GET', path: (v) => `/customers/${v.customerId}/wallet` },
    // Quickstart 6: Check Customer Account Balance
    { name: 'Quickstart 6: Check Customer Account Balance', method: 'GET', path: (v) => `/customers/${v.customerId}/wallet/default:USD` },
    // Quickstart 7: Create Portal Session
    portalSession('Quickstart 7: Create Portal Session'),
  ];

  const ticket = () => event('ticket_resolved', 'ticket', 'Ticket Resolved');
  const speech = () => event('speech_generated', 'text2speech', 'Speech Generated', { minutes: 10 });
  const usagePricingModels: Step[] = [
    // Usage Pricing Models 1: Create Intercom Product (unit pricing)
    createProduct(
      'Usage Pricing Models 1: Create Intercom Product (unit pricing)',
      () => ({
        name: 'Intercom Fin AI',
        code: code('intercom_fin_ai'),
        prices: [usagePrice('Ticket Resolution', { event_type: 'ticket_resolved', usage_type: 'unit' }, 'USD', [{ unit_price: 0.99 }])],
      }),
      'intercomProductId',
      'intercomProductCode',
    ),
    // Usage Pricing Models 2: Simulate Intercom Usage
    simulate('Usage Pricing Models 2: Simulate Intercom Usage', () => 'default', 'intercomProductId', () => [ticket()]),
    // Usage Pricing Models 3: Create ElevenLabs Product (volume pricing)
    createProduct(
      'Usage Pricing Models 3: Create ElevenLabs Product (volume pricing)',
      () => ({
        name: 'ElevenLabs API',
        code: code('eleven_labs_api'),
        prices: [
          usagePrice('Text to Speech API', { event_type: 'speech_generated', usage_type: 'volume', volume_field: 'minutes' }, 'USD', [{ volume_rate: 0.15 }]),
        ],
      }),
      'elevenLabsProductId',
      'elevenLabsProductCode',
    ),
    // Usage Pricing Models 4: Simulate ElevenLabs Usage
    simulate('Usage Pricing Models 4: Simulate ElevenLabs Usage', () => 'default', 'elevenLabsProductId', () => [speech()]),
    // Usage Pricing Models 5: Create a Customer
    createCustomer('Usage Pricing Models 5: Create a Customer', ['intercomProductCode', 'elevenLabsProductCode']),
    // Usage Pricing Models 6: Pre-fund Customer Balance
    preFund('Usage Pricing Models 6: Pre-fund Customer Balance', 'USD', 100, 'Sign up bonus'),
    // Usage Pricing Models 7: Send Usage Events
    sendEvents('Usage Pricing Models 7: Send Usage Events', () => [ticket(), speech()]),
    // Usage Pricing Models 8: Create Portal Session
    portalSession('Usage Pricing Models 8: Create Portal Session'),
  ];

  // The folder numbers its requests 5, 5, 9, 9, 9, 9; this is the order the tutorial reads in.
  const tokens = () => event('response_completed', 'response', 'Response Completed', { input_tokens: 1000000, output_tokens: 1000000 });
  const gpt = (kind: 'Input' | 'Output', field: string, rate: number) =>
    usagePrice(`GPT 5.1 ${kind} Tokens`, { event_type: 'response_completed', usage_type: 'volume', volume_field: field }, 'USD', [
      { volume_rate: rate, package_size: 1000000 },
    ]);
  const usingPackageSize: Step[] = [
    // Using Package Size 1: Create OpenAI API Product (volume pricing w/pkg size)
    createProduct(
      'Using Package Size 1: Create OpenAI API Product (volume pricing w/pkg size)',
      () => ({ name: 'OpenAI API', code: code('openai_api_gpt'), prices: [gpt('Input', 'input_tokens', 1.25), gpt('Output', 'output_tokens', 10)] }),
      'openAIProductId',
      'openAIProductCode',
    ),
    // Using Package Size 2: Simulate OpenAI Usage
    simulate('Using Package Size 2: Simulate OpenAI Usage', () => 'default', 'openAIProductId', () => [tokens()]),
    // Using Package Size 3: Create a Customer
    createCustomer('Using Package Size 3: Create a Customer', ['openAIProductCode']),
    // Using Package Size 4: Pre-fund Customer Balance
    preFund('Using Package Size 4: Pre-fund Customer Balance', 'USD', 100, 'Sign up bonus'),
    // Using Package Size 5: Send Usage Events
    sendEvents('Using Package Size 5: Send Usage Events', () => [tokens()]),
    // Using Package Size 6: Create Portal Session
    portalSession('Using Package Size 6: Create Portal Session'),
  ];

  const image = (model?: string, description = 'Image Generated') =>
    event('image_generated', 'img', description, model ? { model } : undefined);
  const byModel = (model: string, label: string, unitPrice: number) => ({ dimensions: { model }, values: [{ name: label, unit_price: unitPrice }] });
  const modelPriced = (...values: unknown[]) => ({
    name: 'Glitch Images',
    prices: [usagePrice('Image Generation', { event_type: 'image_generated', usage_type: 'unit', billable_dimensions: ['model'] }, 'USD', values)],
    publish: true,
  });
  const newVersion = (name: string, body: () => unknown): Step => ({
    name,
    method: 'POST',
    path: (v) => `/products/${v.productId}`,
    body,
    keep: (r, v) => {
      v.productId = r.id;
      v.productVersion = String(r.version);
    },
  });
  const dimensionalPricing: Step[] = [
    // Dimensional Pricing 1: Create a Product
    createProduct(
      'Dimensional Pricing 1: Create a Product',
      () => ({
        name: 'Glitch Images',
        code: code('glitch_images'),
        prices: [usagePrice('Image Generation', { event_type: 'image_generated', usage_type: 'unit' }, 'USD', [{ unit_price: 0.05 }])],
      }),
      'productId',
      'productCode',
    ),
    // Dimensional Pricing 2: Simulate Usage (version 1)
    simulate('Dimensional Pricing 2: Simulate Usage', () => '1', 'productId', () => [image()]),
    // Dimensional Pricing 3: Get Product
    { name: 'Dimensional Pricing 3: Get Product', method: 'GET', path: (v) => `/products/${v.productId}` },
    // Dimensional Pricing 4: Update Product with Model Pricing (a new version)
    newVersion('Dimensional Pricing 4: Update Product with Model Pricing', () =>
      modelPriced(byModel('gli-1-0', 'Glitchy 1.0', 0.05), byModel('gli-2-0', 'Glitchy 2.0', 0.1)),
    ),
    // Dimensional Pricing 5: Simulate Usage Dimensions (version 2)
    simulate('Dimensional Pricing 5: Simulate Usage Dimensions', () => '2', 'productId', () => [image('gli-1-0'), image('gli-2-0')]),
    // Dimensional Pricing 6: Simulate Usage New Model (a model version 2 does not price)
    simulate('Dimensional Pricing 6: Simulate Usage New Model', (v) => v.productVersion, 'productId', () => [image('gli-2-1')]),
    // Dimensional Pricing 7: Update Product with Wildcard Dimensions (a new version)
    newVersion('Dimensional Pricing 7: Update Product with Wildcard Dimensions', () =>
      modelPriced(byModel('gli-1-0', 'Glitchy 1.0', 0.05), byModel('gli-2-0', 'Glitchy 2.0', 0.1), byModel('*', 'Glitchy (Default)', 0.03)),
    ),
    // Dimensional Pricing 8: Update Product Version (publish, make default)
    {
      name: 'Dimensional Pricing 8: Update Product Version',
      method: 'PATCH',
      path: (v) => `/products/${v.productId}/${v.productVersion}`,
      body: () => ({ publish: true, make_default: true }),
    },
    // Dimensional Pricing 9: Create a Customer
    createCustomer('Dimensional Pricing 9: Create a Customer', ['productCode']),
    // Dimensional Pricing 10: Create Portal Session
    portalSession('Dimensional Pricing 10: Create Portal Session'),
    // Dimensional Pricing 11: Send Usage Events
    sendEvents('Dimensional Pricing 11: Send Usage Events', () => [
      image('gli-1-0'),
      image('gli-2-0'),
      image('gli-2-1', 'Image Generated vNext'),
    ]),
  ];

  const customAssets: Step[] = [
    // Custom Assets 1: Create Asset (its pre-request script keeps the code)
    {
      name: 'Custom Assets 1: Create Asset',
      method: 'POST',
      path: () => '/assets',
      body: (v) => {
        v.assetCode = `IMG${run}`;
        return { code: v.assetCode, name: 'Image Generation', precision: 2, label: 'image', symbol: '📸', rates: [{ source: 'USD', rate: 0.1 }] };
      },
    },
    // Custom Assets 2: Create a Product
    createProduct(
      'Custom Assets 2: Create a Product',
      (v) => ({
        name: 'Glitch Images',
        code: code('glitch_images_std'),
        prices: [usagePrice('Image Generation', { event_type: 'image_generated', usage_type: 'unit' }, v.assetCode, [{ unit_price: 1 }])],
      }),
      'productId',
      'productCode',
    ),
    // Custom Assets 3: Create a Customer (the collection names the product code literally)
    createCustomer('Custom Assets 3: Create a Customer', ['productCode']),
    // Custom Assets 4: Pre-fund Customer Balance
    preFund('Custom Assets 4: Pre-fund Customer Balance', (v) => v.assetCode, 100, 'Pre-fund balance'),
    // Custom Assets 5: Send Usage Event
    sendEvents('Custom Assets 5: Send Usage Event', () => [image()]),
    // Custom Assets 6: Initiate Custom Asset Top-up
    {
      name: 'Custom Assets 6: Initiate Custom Asset Top-up',
      method: 'POST',
      path: () => '/top-ups',
      body: (v) => ({ customer_id: v.customerId, amount: 1, currency: 'USD', destination: { asset: v.assetCode }, ...urls }),
      keep: (r, v) => {
        v.topUpId = r.id;
      },
    },
  ];

  return [
    // 20 USD, one promotion at 0.50
    { name: 'Quickstart', steps: quickstart, wallet: { 'default:USD': { available: 19.5 } } },
    // 100 USD, one ticket at 0.99, 10 minutes at 0.15
    { name: 'Tutorials/Usage Pricing Models', steps: usagePricingModels, wallet: { 'default:USD': { available: 97.51 } } },
    // 100 USD, a million tokens each way at 1.25 and 10 per million
    { name: 'Tutorials/Using Package Size', steps: usingPackageSize, wallet: { 'default:USD': { available: 88.75 } } },
    // never funded: 0.05 + 0.10 + 0.03 (the wildcard) of usage, billed in full
    { name: 'Tutorials/Dimensional Pricing', steps: dimensionalPricing, wallet: { 'default:USD': { available: -0.18 } } },
    // 100 IMG less one image; the 1 USD top-up (10 IMG at 0.10 USD each) waits for checkout
    { name: 'Tutorials/Custom Assets', steps: customAssets, wallet: { [`default:IMG${run}`]: { available: 99, pending_in: 10 } } },
  ];
}
