import { describe, expect, it, vi } from 'vitest';
import type { TransportRequest } from '../../../../src/client/transport.js';
import { CommitFailed } from '../../../../src/engine/index.js';
import { CommitGroups } from '../../../../src/engine/store/group-commit.js';
import { uuid } from '../../engine/fixture.js';
import { both, laneSuite, ok } from './lanes-fixture.js';

// `POST /customers/{id}/wallet/adjustments` straight from the engine
// (lanes.ts), against the app's answers.

describe('embedded adjustments lane', () => {
  const suite = laneSuite();

  /** Two transports on copies of one ledger with a customer: direct lane and app. */
  async function lanes() {
    let customerId = '';
    const opened = await suite.lanes(async (seed) => {
      const customer = await ok(seed, { method: 'POST', path: '/customers', body: JSON.stringify({ name: 'Acme', external_id: 'acme/eu' }) });
      customerId = customer.id as string;
    });
    return { ...opened, customerId };
  }

  const adjust = (customer: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): TransportRequest => ({
    method: 'POST',
    path: `/customers/${encodeURIComponent(customer)}/wallet/adjustments`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });
  const credit = (extra: Record<string, unknown> = {}) => ({ transaction_id: uuid(), asset: 'USD', amount: 12.5, reason: 'external_topup', ...extra });

  it('answers credits, replays, conflicts and refusals as the app does', async () => {
    const t = await lanes();
    const first = credit({ description: 'first', metadata: { order: 'o-1' } });
    const good = await both(t, adjust(t.customerId, first));
    expect(good.status).toBe(201);
    expect(good.headers['content-type']).toBe('application/json; charset=utf-8');
    // A replay answers the original; the same key with another body is a conflict.
    expect((await both(t, adjust(t.customerId, first))).body).toBe(good.body);
    expect((await both(t, adjust(t.customerId, { ...first, amount: 13 }))).status).toBe(409);
    // Every digit kept, either way round: a debit, and an amount with 18 decimals.
    await both(t, adjust(t.customerId, credit({ reason: 'charge', amount: -0.000000000000000001 })));
    await both(t, adjust(t.customerId, `{"transaction_id":"${uuid()}","asset":"USD","amount":12345678901234567.123456789012345678,"reason":"gift"}`));
    // The path takes the customer's id, %-decoded: an external id there is no customer.
    expect((await both(t, adjust('acme/eu', credit()))).status).toBe(404);

    // Refused by the engine: wrong sign, unknown asset, no such customer, no body at all.
    const refused = await both(t, adjust(t.customerId, credit({ amount: -1 })));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await both(t, adjust(t.customerId, credit({ asset: 'NOPE' })))).status).toBe(422);
    expect((await both(t, adjust('cust_nobody', credit()))).status).toBe(404);
    expect((await both(t, adjust(t.customerId, ''))).status).toBe(422);
    // Taken by the app (nothing written): not JSON, another content type, a query string,
    // a path its router decodes in its own way.
    expect((await both(t, adjust(t.customerId, '{"amount":'))).status).toBe(400);
    expect((await both(t, adjust(t.customerId, credit(), { 'content-type': 'text/plain' }))).status).toBe(201);
    expect((await both(t, { ...adjust(t.customerId, credit()), path: `/customers/${t.customerId}/wallet/adjustments?x=1` })).status).toBe(201);
    expect((await both(t, { ...adjust(t.customerId, credit()), path: `/customers/%E0%A4%A/wallet/adjustments` })).status).toBe(400);
    expect((await both(t, { ...adjust(t.customerId, credit()), path: `/customers/${t.customerId}/wallet/adjustments/` })).status).toBe(404);

    // Both ledgers hold the same adjustments and balances.
    await both(t, { method: 'GET', path: `/customers/${t.customerId}/wallet` });
  });

  it('holds the answer for the commit, and answers 503 as the app does when the commit fails', async () => {
    const t = await lanes();
    vi.spyOn(CommitGroups.prototype, 'settled').mockRejectedValue(new CommitFailed(new Error('disk I/O error')));
    const failed = await both(t, adjust(t.customerId, credit()));
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Not applied: the write transaction could not commit: disk I/O error; retry the request');
    vi.restoreAllMocks();

    expect((await t.direct.request(adjust(t.customerId, credit({ amount: 7 })))).status).toBe(201);
    // Answered once on disk: a second transport on the file reads it (with the first credit,
    // whose commit went through: only the wait for it was made to fail).
    const reader = suite.reader(t.directPath);
    const wallet = await reader.request({ method: 'GET', path: `/customers/${t.customerId}/wallet` });
    expect(wallet.body).toContain('"available":19.5');
  });
});
