import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedTransport } from '../../../../src/server/in-process/embedded-transport.js';
import type { Transport, TransportRequest } from '../../../../src/client/transport.js';
import { tempDir, uuid } from '../../engine/fixture.js';
import { clock, ok } from './lanes-fixture.js';

// The embedded profile scopes by X-CREDYT-ACCOUNT as the server does, its direct lanes
// (events, adjustments, quotes) included: they answer from the account's own engine.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function embedded(directLanes = true): { transport: Transport; dbPath: string } {
  const tmp = tempDir();
  const dbPath = join(tmp.dir, 'ledger.db');
  const transport = createEmbeddedTransport({ dbPath, clock, directLanes });
  cleanups.push(tmp.cleanup, () => transport.close());
  return { transport, dbPath };
}

const post = (path: string, body: unknown, account?: string): TransportRequest => ({
  method: 'POST',
  path,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...(account ? { 'x-credyt-account': account } : {}) },
});
const get = (path: string, account?: string): TransportRequest => ({ method: 'GET', path, headers: account ? { 'X-CREDYT-ACCOUNT': account } : {} });

const CHAT = {
  code: 'chat',
  name: 'Chat',
  publish: true,
  prices: [{ name: 'Message', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'chat', usage_type: 'unit' }, pricing: [{ asset: 'USD', values: [{ unit_price: 0.05 }] }] }],
};

describe('embedded transport under X-CREDYT-ACCOUNT', () => {
  for (const directLanes of [true, false]) {
    it(`keeps each account's events and adjustments in its own database (direct lanes ${directLanes ? 'on' : 'off'})`, async () => {
      const { transport, dbPath } = embedded(directLanes);
      const acc = (await ok(transport, post('/accounts', { name: 'A' }))).id as string;
      await ok(transport, post('/products', CHAT, acc));
      const customer = await ok(transport, post('/customers', { name: 'C', external_id: 'c', subscriptions: [{ products: [{ code: 'chat' }] }] }, acc));
      await ok(transport, post(`/customers/${customer.id}/wallet/adjustments`, { transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' }, acc));
      const events = await transport.request(post('/events', { events: [{ id: uuid(), event_type: 'chat', customer_id: customer.id, occurred_at: '2026-03-01T11:00:00Z' }] }, acc));
      expect(events.status).toBe(201);
      // The events lane hands the events over already read: proof the lane answered.
      expect(events.events !== undefined).toBe(directLanes);
      const wallet = await ok(transport, get(`/customers/${customer.id}/wallet`, acc));
      expect(JSON.stringify(wallet)).toContain('"available":0.95');
      expect((await transport.request(get(`/customers/${customer.id}/wallet`))).status).toBe(404);
      expect((await ok(transport, get('/customers'))).total_count).toBe(0);
      expect(existsSync(`${dbPath}.accounts/${acc}.db`)).toBe(true);
    });
  }

  it('refuses a malformed or unknown header on the lanes as the app does, writing nothing', async () => {
    const { transport } = embedded();
    const body = { events: [{ id: uuid(), event_type: 'chat', customer_id: 'cust_x', occurred_at: '2026-03-01T11:00:00Z' }] };
    const malformed = await transport.request(post('/events', body, 'acc_nope'));
    expect([malformed.status, JSON.parse(malformed.body).detail]).toEqual([400, expect.stringContaining('X-CREDYT-ACCOUNT')]);
    const unknown = await transport.request(post('/assets/USD/quote', { amount: 1 }, 'acc_00000000000000000000000000'));
    expect([unknown.status, JSON.parse(unknown.body).detail]).toEqual([404, expect.stringContaining('X-CREDYT-ACCOUNT')]);
    expect((await ok(transport, get('/events'))).total_count).toBe(0);
  });
});
