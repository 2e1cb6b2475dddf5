import { describe, expect, it } from 'vitest';
import { engineError, memoryEngine } from './fixture.js';

describe('customers', () => {
  it('creates the full customer object', () => {
    const engine = memoryEngine();
    const customer = engine.createCustomer({
      name: 'Ada Lovelace',
      external_id: 'user-8812',
      email: 'ada@example.com',
      metadata: { plan: 'pro' },
    });
    expect(customer.id).toMatch(/^cust_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(customer).toEqual({
      id: customer.id,
      external_id: 'user-8812',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      created_at: '2026-01-01T00:00:00.000Z',
      external_accounts: [],
      subscriptions: [],
      metadata: { plan: 'pro' },
    });
    expect(engine.getCustomer(customer.id)).toEqual(customer);
    expect(engine.getCustomerByExternalId('user-8812')).toEqual(customer);
  });

  it('answers 409 with the existing id for a taken external_id', () => {
    const engine = memoryEngine();
    const first = engine.createCustomer({ name: 'A', external_id: 'acme' });
    const e = engineError(() => engine.createCustomer({ name: 'B', external_id: 'acme' }), 409, 'conflict');
    expect(e.extra).toEqual({ existing_id: first.id });
    expect(engine.listCustomers().total_count).toBe(1);
  });

  it('validates name, email, metadata and subscriptions', () => {
    const engine = memoryEngine();
    const e = engineError(
      () =>
        engine.createCustomer({
          name: ' ',
          email: 'not-an-email',
          metadata: { tier: 3 },
          subscriptions: [{ products: [{ code: 'studio' }] }],
        }),
      422,
    );
    expect(e.errors).toEqual({
      name: ['name must not be empty'],
      email: ['email "not-an-email" is not an email address'],
      metadata: ['metadata.tier must be a string, got 3'],
      'subscriptions[0].products[0].code': ['subscriptions[0].products[0].code "studio" is not a product'],
    });
    engineError(() => engine.getCustomer('cust_nope'), 404, 'not_found');
    engineError(() => engine.getCustomerByExternalId('nobody'), 404, 'not_found');
  });

  it('lists newest first with paging', () => {
    const engine = memoryEngine();
    const ids = ['a', 'b', 'c'].map((name) => engine.createCustomer({ name }).id);
    expect(engine.listCustomers().items.map((c) => c.id)).toEqual([...ids].reverse());
    const page = engine.listCustomers({ limit: '1', offset: '1' });
    expect(page).toMatchObject({ total_count: 3, limit: 1, offset: 1 });
    expect(page.items[0].id).toBe(ids[1]);
  });
});
