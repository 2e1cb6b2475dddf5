import { describe, expect, it } from 'vitest';
import { checkRequest, checkResponse, findOperation, schemaValidator } from './spec.js';

/** The contract tests catch drift: deliberately wrong shapes fail the spec's validators. */
describe('the spec validators fail on drift', () => {
  const adjust = findOperation('POST', '/customers/cust_473cr1y0ghbyc3m1yfbwvn3nxx/wallet/adjustments')!;
  const events = findOperation('POST', '/events')!;

  it('a response without a required member, or with a member of the wrong type', () => {
    const good = checkResponse(adjust, 201, { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6', created_at: '2025-10-17T21:00:56.743379Z' });
    expect(good?.errors).toBeNull();
    const missing = checkResponse(adjust, 201, { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
    expect(missing?.errors?.map((e) => e.message)).toContain("must have required property 'created_at'");
    const page = checkResponse(findOperation('GET', '/events')!, 200, { items: [], total_count: '3', limit: 20, offset: 0 });
    expect(page?.errors?.map((e) => `${e.instancePath} ${e.message}`)).toContain('/total_count must be integer');
  });

  it('a request with an empty batch, a non-UUID event id or a local-time timestamp', () => {
    const bad = checkRequest(events, { customer_id: 'cust_473cr1y0ghbyc3m1yfbwvn3nxx', events: [] });
    expect(bad?.errors?.map((e) => `${e.instancePath} ${e.message}`)).toContain('/events must NOT have fewer than 1 items');
    const wrongId = checkRequest(events, { events: [{ id: 'evt-1', event_type: 'x', occurred_at: '2025-11-20 10:00' }] });
    expect(wrongId?.errors?.map((e) => e.instancePath)).toEqual(['/events/0/id', '/events/0/occurred_at']);
  });

  it('an error body whose status is not a number; a path the spec lacks', () => {
    const problem = schemaValidator('ProblemDetails');
    expect(problem({ type: 'about:blank', title: 'Not Found', status: 404 })).toBe(true);
    expect(problem({ title: 'Not Found', status: '404' })).toBe(false);
    expect(findOperation('POST', '/customers/cust_1/wallet/holds')).toBeUndefined();
    expect(findOperation('GET', '/assets/TOK/rates')).toBeUndefined();
  });
});
