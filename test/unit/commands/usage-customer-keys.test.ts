import { describe, expect, it } from 'vitest';
import { CustomerKeys } from '../../../src/commands/usage/customer-keys.js';

describe('usage batch keys by customer', () => {
  it('answers id: and ext: keys, the same ones again, and past its bound', () => {
    const keys = new CustomerKeys();
    expect(keys.id('cust_1')).toBe('id:cust_1');
    expect(keys.externalId('acme')).toBe('ext:acme');
    expect(keys.externalId('cust_1')).toBe('ext:cust_1');
    for (let i = 0; i < 5000; i++) expect(keys.externalId(`c${i}`)).toBe(`ext:c${i}`);
    expect(keys.externalId('acme')).toBe('ext:acme');
    expect(keys.id('cust_1')).toBe('id:cust_1');
  });
});
