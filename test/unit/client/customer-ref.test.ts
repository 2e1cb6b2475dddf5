import { describe, expect, it } from 'vitest';
import { isCustomerId, pickCustomerByExternalId } from '../../../src/client/customer-ref.js';

describe('customer references', () => {
  it('tells ids from external ids', () => {
    expect(isCustomerId('cust_473cr1y0ghbyc3m1yfbwvn3nxx')).toBe(true);
    expect(isCustomerId('cust_473cr1y0ghbyc3m1yfbwvn3nx')).toBe(false);
    expect(isCustomerId('cust_473CR1Y0GHBYC3M1YFBWVN3NXX')).toBe(false);
    expect(isCustomerId('acme')).toBe(false);
    expect(isCustomerId(' cust_473cr1y0ghbyc3m1yfbwvn3nxx')).toBe(false);
  });

  it('picks the customer out of any answer shape', () => {
    const a = { id: 'cust_a', external_id: 'acme' };
    const b = { id: 'cust_b', external_id: 'other' };
    expect(pickCustomerByExternalId(a, 'acme')).toBe(a);
    expect(pickCustomerByExternalId({ id: 'cust_a' }, 'acme')).toEqual({ id: 'cust_a' });
    expect(pickCustomerByExternalId(b, 'acme')).toBeUndefined();
    expect(pickCustomerByExternalId({ items: [b, a], total_count: 2 }, 'acme')).toBe(a);
    expect(pickCustomerByExternalId({ items: [b] }, 'acme')).toBeUndefined();
    expect(pickCustomerByExternalId([a], 'acme')).toBe(a);
    expect(pickCustomerByExternalId(null, 'acme')).toBeUndefined();
    expect(pickCustomerByExternalId('x', 'acme')).toBeUndefined();
  });
});
