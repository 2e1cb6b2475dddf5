import { describe, expect, it } from 'vitest';
import { customerOf, HOUR, memoryEngine, testClock, uuid } from './fixture.js';

describe('a grant_expired history entry', () => {
  it('is dated at the grant\'s expires_at, not when the expiry was noticed', () => {
    const clock = testClock('2026-01-01T00:00:00.000Z');
    const engine = memoryEngine(clock);
    const customer = customerOf(engine);
    engine.createAdjustment(customer, {
      transaction_id: uuid(),
      asset: 'USD',
      amount: '5',
      reason: 'promotion',
      expires_at: '2026-01-01T01:00:00Z',
    });
    clock.advance(5 * HOUR); // nothing reads the wallet until 05:00
    const history = engine.listTransactions(customer);
    const expired = history.items.find((t) => t.type === 'grant_expired');
    expect(expired?.created_at).toBe('2026-01-01T01:00:00.000Z');
    // The window filters by the same date.
    const window = engine.listTransactions(customer, { type: 'grant_expired', from: '2026-01-01T00:30:00Z', to: '2026-01-01T02:00:00Z' });
    expect(window.items).toHaveLength(1);
  });
});
