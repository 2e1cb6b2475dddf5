import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedTransport } from '../../../../src/server/in-process/embedded-transport.js';
import type { Transport, TransportRequest } from '../../../../src/client/transport.js';
import { tempDir } from '../../engine/fixture.js';
import { clock } from './lanes-fixture.js';

// The in-process router (router.ts) answers the API's routes without building the fastify
// app: every answer must be the app's. One scripted scenario touching every route family
// runs on two fresh ledgers, one through the router and one through the app alone
// (`directLanes: false`); status, headers (Date aside) and body must match, with ids,
// times, secrets and signed tokens masked (they differ run to run by nature).

type Call = (method: TransportRequest['method'], path: string, body?: unknown) => Promise<any>;

const CHAT = {
  code: 'chat',
  name: 'Chat',
  publish: true,
  prices: [{ name: 'Message', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'chat', usage_type: 'unit' }, pricing: [{ asset: 'USD', values: [{ unit_price: 0.05 }] }] }],
};
const PLAN = {
  code: 'plan',
  name: 'Plan',
  publish: true,
  prices: [{ name: 'Seat', type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: 'month' } }, pricing: [{ asset: 'USD', values: [{ unit_price: 10 }] }] }],
};
const urls = { return_url: 'https://example.com/ok', failure_url: 'https://example.com/no' };
const KEYS = ['0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000001', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000002', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000003', '0b0e7f3c-4c61-4a4b-9d2e-6f1c1a000004'];

/** Every route family, in order; refusals (404, 409, 422) included. */
async function scenario(step: Call): Promise<void> {
  await step('POST', '/assets', { code: 'IMG', name: 'Images', precision: 2, rates: [{ source: 'USD', rate: 0.1 }] });
  await step('POST', '/assets/IMG/rates', { source: 'USD', rate: 0.2 });
  await step('GET', '/assets?limit=1&offset=0');
  await step('GET', '/assets/IMG');
  await step('GET', '/assets/NOPE');
  await step('GET', '/assets/IMG/rates');
  await step('POST', '/assets/IMG/quote', { amount: 10, source: 'USD' });
  const product = await step('POST', '/products', CHAT);
  await step('POST', '/products', CHAT);
  await step('POST', '/products', PLAN);
  await step('GET', '/products');
  await step('GET', '/products?code=chat');
  await step('GET', '/products?code=');
  await step('GET', `/products/${product.id}`);
  await step('POST', '/products/chat', { ...CHAT, publish: false });
  await step('PATCH', '/products/chat/2', { publish: true });
  await step('POST', '/products/chat/1/simulate-usage', { events: [{ event_type: 'chat' }] });
  const customer = await step('POST', '/customers', { name: 'Acme', external_id: 'acme', subscriptions: [{ products: [{ code: 'chat' }] }] });
  const c = customer.id as string;
  await step('POST', '/customers', { name: 'Acme', external_id: 'acme' });
  await step('POST', '/customers', { name: 'No' });
  await step('GET', '/customers');
  await step('GET', '/customers?external_id=acme');
  await step('GET', '/customers?external_id=a&external_id=b');
  await step('GET', '/customers?external_id=no+one%21');
  await step('GET', `/customers/${c}`);
  await step('GET', '/customers/cust_nobody');
  const subscription = await step('POST', `/customers/${c}/subscriptions`, { products: [{ code: 'plan' }], ...urls });
  await step('GET', '/subscriptions');
  await step('GET', `/subscriptions?customer_id=${c}&status=active`);
  if (subscription?.id) {
    await step('GET', `/subscriptions/${subscription.id}`);
    await step('POST', `/subscriptions/${subscription.id}/complete`);
    await step('POST', `/subscriptions/${subscription.id}/change`, { products: [{ code: 'chat' }] });
    await step('POST', `/subscriptions/${subscription.id}/cancel`, {});
    await step('POST', `/subscriptions/${subscription.id}/fail`);
  }
  await step('GET', '/local/clock');
  await step('POST', '/local/clock/advance', { duration: 'P1D' });
  await step('POST', '/local/clock/set', { to: 'nonsense' });
  await step('POST', '/local/clock/reset');
  await step('POST', `/customers/${c}/wallet/adjustments`, { transaction_id: KEYS[0], asset: 'USD', amount: 10, reason: 'gift' });
  await step('GET', '/adjustments');
  await step('GET', '/adjustments?reason=gift&limit=5');
  const topUp = await step('POST', '/top-ups', { customer_id: c, amount: 5, currency: 'USD', ...urls });
  await step('GET', `/top-ups/${topUp.id}`);
  await step('POST', `/top-ups/${topUp.id}/complete`);
  await step('POST', `/top-ups/${topUp.id}/fail`);
  const other = await step('POST', '/top-ups', { customer_id: c, amount: 3, currency: 'USD', ...urls });
  await step('POST', `/top-ups/${other.id}/fail`);
  await step('GET', '/top-ups');
  await step('POST', '/vendors', { name: 'OpenAI', external_id: 'openai' });
  await step('POST', '/events/vendors', { name: 'Anthropic', external_id: 'anthropic' });
  await step('GET', '/vendors');
  await step('POST', '/events', {
    customer_id: c,
    events: [{ id: KEYS[1], event_type: 'chat', occurred_at: '2026-01-01T10:00:00Z', costs: [{ vendor_external_id: 'openai', amount: 0.02, currency: 'USD' }] }],
  });
  await step('GET', '/events');
  await step('GET', '/events?event_type=chat');
  await step('GET', `/events/${KEYS[1]}`);
  await step('GET', `/events/${KEYS[3]}`);
  await step('POST', `/customers/${c}/wallet/holds`, { hold_id: KEYS[2], asset: 'USD', amount: 2 });
  await step('GET', `/customers/${c}/wallet/holds/${KEYS[2]}`);
  await step('POST', `/customers/${c}/wallet/holds/${KEYS[2]}/capture`, { amount: 1 });
  await step('POST', `/customers/${c}/wallet/holds/${KEYS[2]}/void`);
  await step('POST', `/customers/${c}/wallet/holds`, { hold_id: KEYS[3], asset: 'USD', amount: 1 });
  await step('POST', `/customers/${c}/wallet/holds/${KEYS[3]}/void`);
  await step('GET', `/customers/${c}/wallet/holds`);
  await step('GET', `/customers/${c}/wallet`);
  await step('GET', `/customers/${c}/wallet/default:USD`);
  await step('GET', `/customers/${c}/wallet/default:USD/grants`);
  await step('GET', `/customers/${c}/wallet/transactions`);
  await step('GET', `/customers/${c}/stats`);
  const vendor = await step('GET', '/vendors?external_id=openai');
  await step('GET', `/vendors/${vendor.id}`);
  await step('GET', `/vendors/${vendor.id}/stats`);
  const hook = await step('POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', topics: ['adjustment.created'] });
  await step('GET', '/webhooks');
  await step('GET', `/webhooks/${hook.id}`);
  await step('GET', `/webhooks/${hook.id}/deliveries`);
  await step('POST', '/webhooks/deliveries/whdl_nothing/resend');
  await step('DELETE', `/webhooks/${hook.id}`);
  await step('POST', '/billing-portal/sessions', { customer_id: c, ...urls });
  await step('GET', '/accounts/self');
  await step('GET', '/accounts');
  await step('POST', '/accounts', { name: 'Nested' });
  // Refused before any route: the app answers these for the router (no route, decoding).
  await step('GET', '/nowhere');
  await step('GET', '/customers/');
  await step('PATCH', '/customers');
  await step('GET', '/customers/%E0%A4%A');
  await step('POST', '/customers', '{"name":');
}

const masked = (line: string) =>
  line
    .replace(/\b([a-z]+)_[0-9a-z]{26}\b/g, '$1_…')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'T')
    .replace(/whsec_[\w-]+/g, 'whsec_…')
    .replace(/token=[\w.-]+/g, 'token=…')
    .replace(/"content-length":"\d+"/, '"content-length":…');

/** The scenario's answers on `transport`, one line each: request, status, headers, body. */
async function answers(transport: Transport, account?: string): Promise<string[]> {
  const log: string[] = [];
  await scenario(async (method, path, body) => {
    const headers: Record<string, string> = account ? { 'X-CREDYT-ACCOUNT': account } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    const res = await transport.request({ method, path, body: text, headers });
    const shown = { ...res.headers, date: res.headers.date ? 'date' : 'none' };
    log.push(masked(`${method} ${path} → ${res.status} ${JSON.stringify(shown)} ${res.body}`));
    try {
      return JSON.parse(res.body);
    } catch {
      return undefined;
    }
  });
  return log;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transports() {
  const tmp = tempDir();
  const leftToApp: string[] = [];
  const router = createEmbeddedTransport({ dbPath: join(tmp.dir, 'router.db'), clock, appAnswered: (req) => leftToApp.push(`${req.method} ${req.path}`) });
  const app = createEmbeddedTransport({ dbPath: join(tmp.dir, 'app.db'), clock, directLanes: false });
  cleanups.push(tmp.cleanup, () => router.close(), () => app.close());
  return { router, app, leftToApp };
}

const REFUSED_BEFORE_ROUTES = ['GET /nowhere', 'GET /customers/', 'PATCH /customers', 'GET /customers/%E0%A4%A', 'POST /customers'];

describe('embedded in-process router', () => {
  it('answers every route family as the app does, leaving it only what its router refuses', async () => {
    const { router, app, leftToApp } = transports();
    const viaApp = await answers(app);
    const viaRouter = await answers(router);
    for (let i = 0; i < viaApp.length; i++) expect(viaRouter[i]).toBe(viaApp[i]);
    expect(viaRouter.length).toBe(viaApp.length);
    expect(leftToApp).toEqual(REFUSED_BEFORE_ROUTES);
  });

  it('answers under X-CREDYT-ACCOUNT from the account, the local clock from the platform', async () => {
    const { router, app, leftToApp } = transports();
    const accountOf = async (t: Transport) => JSON.parse((await t.request({ method: 'POST', path: '/accounts', body: '{"name":"One"}' })).body).id as string;
    const viaApp = await answers(app, await accountOf(app));
    const viaRouter = await answers(router, await accountOf(router));
    for (let i = 0; i < viaApp.length; i++) expect(viaRouter[i]).toBe(viaApp[i]);
    expect(leftToApp).toEqual(REFUSED_BEFORE_ROUTES);
    // The scenario's rows are the account's: the platform's lists are empty.
    const customers = await router.request({ method: 'GET', path: '/customers' });
    expect(JSON.parse(customers.body).total_count).toBe(0);
    // The clock moved under the header is the platform's.
    const account = await accountOf(router);
    const moved = await router.request({ method: 'POST', path: '/local/clock/advance', body: '{"duration":"P2D"}', headers: { 'x-credyt-account': account } });
    const platform = await router.request({ method: 'GET', path: '/local/clock' });
    expect([moved.status, JSON.parse(platform.body).offset_seconds]).toEqual([200, JSON.parse(moved.body).offset_seconds]);
    expect(JSON.parse(platform.body).offset_seconds).toBe(2 * 86400);
  });
});
