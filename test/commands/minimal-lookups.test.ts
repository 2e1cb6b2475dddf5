import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer, type Reply } from '../helpers/minimal-server.js';

/** `?external_id=` and `?code=` lookups answered with one object or a page, as small as can be. */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
const P = 'prp_01m92hzcnkfaasc64dy6pq9w0q';
let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
});
afterAll(() => s.close());
beforeEach(() => {
  s.sent = [];
});
const ok = (body: unknown): Reply => ({ status: 200, body });

function customerLookup(answer: Reply) {
  s.routes = [on('GET', '/customers?external_id=ana', answer), on('GET', `/customers/${C}`, ok({ id: C, external_id: 'ana', name: 'Ana' }))];
}
function productLookup(answer: Reply) {
  s.routes = [on('GET', '/products?code=chat', answer), on('GET', `/products/${P}`, ok({ id: P, code: 'chat', name: 'Chat' }))];
}

describe('customer by external id', () => {
  it.each([
    ['one object with only an id', ok({ id: C })],
    ['a page of one id', ok({ items: [{ id: C }], total_count: 1, limit: 20, offset: 0 })],
    ['a bare array naming it', ok([{ id: 'cust_01m92hzcnkfaasc64dy6pq9w0q', external_id: 'bo' }, { id: C, external_id: 'ana' }])],
  ])('%s', async (_name, answer) => {
    customerLookup(answer);
    const r = await runMain(['customers', 'get', 'ana'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\t')[0]).toBe(C);
  });

  it.each([
    ['two ids without external_id (the filter was ignored)', ok({ items: [{ id: C }, { id: 'cust_01m92hzcnkfaasc64dy6pq9w0q' }] })],
    ['an empty page', ok({ items: [] })],
    ['an empty body', { status: 200 }],
  ])('%s: not found, exit 4', async (_name, answer) => {
    customerLookup(answer);
    const r = await runMain(['customers', 'get', 'ana'], { env: s.env() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('"ana"');
  });
});

describe('product by code', () => {
  it.each([
    ['one object with only an id', ok({ id: P })],
    ['a page of one id', ok({ items: [{ id: P }] })],
    ['a page naming the code in another case', ok({ items: [{ id: 'prp_473cr1y0ghbyc3m1yfbwvn3nxx', code: 'img' }, { id: P, code: 'CHAT' }] })],
  ])('%s', async (_name, answer) => {
    productLookup(answer);
    const r = await runMain(['products', 'get', 'chat', '-o', 'json'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe(P);
  });

  it.each([
    ['an empty body', { status: 200 }],
    ['null', ok(null)],
    ['another code only', ok({ id: P, code: 'img' })],
  ])('%s: not found, exit 4', async (_name, answer) => {
    productLookup(answer);
    const r = await runMain(['products', 'get', 'chat'], { env: s.env() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('"chat"');
  });
});
