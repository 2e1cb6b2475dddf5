import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from './app-fixture.js';

const HOLD = '9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11';

describe('ledger routes', () => {
  it('creates, captures and lists holds; lists grants and transactions', async () => {
    const { call, clock } = testApp();
    const id = (await call('POST', '/customers', { name: 'A' })).body.id;
    await call('POST', `/customers/${id}/wallet/adjustments`, {
      transaction_id: '9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a01',
      asset: 'USD',
      amount: 50,
      reason: 'gift',
      expires_at: '2026-06-01T00:00:00Z',
    });
    const created = await call('POST', `/customers/${id}/wallet/holds`, { hold_id: HOLD, asset: 'USD', amount: 20 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: HOLD, status: 'pending', account_id: 'default:USD' });
    expect((await call('POST', `/customers/${id}/wallet/holds`, { hold_id: HOLD, asset: 'USD', amount: 20 })).status).toBe(201);
    isProblem(await call('POST', `/customers/${id}/wallet/holds`, { hold_id: HOLD, asset: 'USD', amount: 21 }), 409, 'idempotency_conflict');
    isProblem(
      await call('POST', `/customers/${id}/wallet/holds`, { hold_id: '9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a12', asset: 'USD', amount: 31 }),
      422,
      'insufficient_funds',
    );
    const captured = await call('POST', `/customers/${id}/wallet/holds/${HOLD}/capture`, { amount: 5 });
    expect(captured.text).toContain('"status":"captured","captured_amount":5');
    isProblem(await call('POST', `/customers/${id}/wallet/holds/${HOLD}/void`), 409, 'conflict');
    isProblem(await call('POST', `/customers/${id}/wallet/holds/${HOLD.replace('11', '99')}/void`), 404, 'not_found');
    expect((await call('GET', `/customers/${id}/wallet/holds?status=captured`)).body.total_count).toBe(1);
    isProblem(await call('GET', `/customers/${id}/wallet/holds?status=open`), 422, 'validation_failed');
    expect((await call('GET', `/customers/${id}/wallet/holds/${HOLD}`)).body.status).toBe('captured');

    const grants = await call('GET', `/customers/${id}/wallet/default:USD/grants`);
    expect(grants.text).toContain('"purpose":"promotion","amount":50,"remaining":45');
    const txns = await call('GET', `/customers/${id}/wallet/transactions?limit=2`);
    expect(txns.body).toMatchObject({ total_count: 3, limit: 2, offset: 0 });
    expect(txns.body.items.map((t: { type: string }) => t.type)).toEqual(['hold_captured', 'hold_created']);
    isProblem(await call('GET', `/customers/${id}/wallet/transactions?from=yesterday`), 422, 'validation_failed');

    clock.set('2026-07-01T00:00:00Z');
    expect((await call('GET', `/customers/${id}/wallet/default:USD`)).text).toContain('"available":0');
    const expired = await call('GET', `/customers/${id}/wallet/transactions?type=grant_expired`);
    expect(expired.text).toContain('"amount":-45');
  });
});
