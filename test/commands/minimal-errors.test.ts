import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer, type Reply } from '../helpers/minimal-server.js';

/** Error answers as a hosted server may give them: either media type, with or without `code`, or no body. */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
});
afterAll(() => s.close());

async function createAnswered(reply: Reply) {
  s.routes = [on('POST', '/customers', reply)];
  return runMain(['customers', 'create', '--name', 'Ana', '--email', 'x'], { env: s.env() });
}
const validation = { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.21', title: 'One or more validation errors occurred.', status: 422 };

describe('a 422 with an errors map', () => {
  it.each(['application/json', 'application/problem+json'])('as %s: each field and its message, exit 5', async (type) => {
    const r = await createAnswered({ status: 422, type, body: { ...validation, errors: { name: ['is too short'], email: ['is not an email', 'is required'] } } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('name: is too short; email: is not an email; email: is required');
    expect(r.stderr).not.toContain('One or more validation errors');
  });

  it('with a code and messages given as objects', async () => {
    const r = await createAnswered({ status: 422, body: { ...validation, code: 'validation_failed', errors: { email: [{ message: 'is not an email' }] } } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('email: is not an email');
  });
});

describe('other error bodies', () => {
  it('a JSON body with only message', async () => {
    const r = await createAnswered({ status: 400, body: { message: 'name is reserved' } });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('name is reserved');
  });

  it('a problem with only a code names the code', async () => {
    const r = await createAnswered({ status: 409, body: { code: 'external_id_taken' } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/HTTP 409 from http:\/\/127\.0\.0\.1:\d+\/customers \(external_id_taken\)/);
  });

  it('401 with no body: exit 3 and the key hint', async () => {
    s.routes = [on('GET', `/customers/${C}`, { status: 401 })];
    const r = await runMain(['customers', 'get', C], { env: s.env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('HTTP 401');
    expect(r.stderr).toContain('CREDYT_API_KEY');
  });

  it('404 with no body: exit 4', async () => {
    s.routes = [];
    const r = await runMain(['customers', 'get', C], { env: s.env() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('HTTP 404');
  });
});
