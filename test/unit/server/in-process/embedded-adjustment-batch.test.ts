import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { TransportRequest } from '../../../../src/client/transport.js';
import { CommitFailed } from '../../../../src/engine/index.js';
import { CommitGroups } from '../../../../src/engine/store/group-commit.js';
import { createEmbeddedTransport } from '../../../../src/server/in-process/embedded-transport.js';
import { tempDir, uuid } from '../../engine/fixture.js';
import { both, clock, laneSuite, ok } from './lanes-fixture.js';

// `POST /local/wallet-adjustments` in the embedded profile: the in-process router answers
// it with the route's own handler, byte for byte as the fastify app does.

const batch = (items: unknown[], headers: Record<string, string> = { 'Content-Type': 'application/json' }): TransportRequest => ({
  method: 'POST',
  path: '/local/wallet-adjustments',
  body: JSON.stringify({ adjustments: items }),
  headers,
});

describe('embedded adjustments batch', () => {
  const suite = laneSuite();

  async function lanes() {
    let customerId = '';
    const opened = await suite.lanes(async (seed) => {
      customerId = (await ok(seed, { method: 'POST', path: '/customers', body: '{"name":"Acme"}' })).id as string;
    });
    return { ...opened, customerId };
  }

  it('answers a mixed batch as the app does, and leaves the same ledger', async () => {
    const t = await lanes();
    const fresh = { customer_id: t.customerId, transaction_id: uuid(), asset: 'USD', amount: 12.5, reason: 'external_topup' };
    const items = [
      fresh,
      fresh,
      { ...fresh, amount: 13 },
      { ...fresh, customer_id: 'cust_nobody', transaction_id: uuid() },
      { ...fresh, transaction_id: uuid(), amount: -1 },
      { ...fresh, transaction_id: uuid(), metadata: { exchange_rate: '1.0825', source_currency: 'EUR', source_amount: '11.547344' } },
      'not an item',
    ];
    const answer = await both(t, batch(items));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).results.map((r: { status: number }) => r.status)).toEqual([201, 201, 409, 404, 422, 201, 400]);
    await both(t, { method: 'GET', path: `/customers/${t.customerId}/wallet` });
    await both(t, { method: 'GET', path: '/adjustments' });
    // The probe, and a malformed envelope.
    expect((await both(t, batch([]))).body).toBe('{"results":[]}');
    expect((await both(t, { ...batch([]), body: '{"adjustments":{}}' })).status).toBe(422);
  });

  it('holds the answer for the commit, and answers 503 for the whole batch when it fails', async () => {
    const t = await lanes();
    vi.spyOn(CommitGroups.prototype, 'settled').mockRejectedValue(new CommitFailed(new Error('disk I/O error')));
    const item = { customer_id: t.customerId, transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' };
    const failed = await both(t, batch([item]));
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Not applied: the write transaction could not commit: disk I/O error; retry the request');
  });

  it('is answered by the in-process router, not left to the app', async () => {
    const tmp = tempDir();
    const leftToApp: string[] = [];
    const router = createEmbeddedTransport({ dbPath: join(tmp.dir, 'router.db'), clock, appAnswered: (req) => leftToApp.push(req.path) });
    try {
      const customerId = (await ok(router, { method: 'POST', path: '/customers', body: '{"name":"Acme"}' })).id as string;
      const item = { customer_id: customerId, transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' };
      expect((await router.request(batch([item]))).status).toBe(200);
      expect(leftToApp).toEqual([]);
    } finally {
      await router.close();
      tmp.cleanup();
    }
  });
});
