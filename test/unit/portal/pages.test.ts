import { describe, expect, it } from 'vitest';
import { testApp } from '../server/app-fixture.js';
import { publishedProduct, usagePrice } from '../engine/pricing-fixture.js';

const RETURN = 'https://app.example/billing?tab=1&x=<y>';
const FAILURE = 'https://fail.example/oops';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** An app that needs API keys (as `local serve`), a TOK asset and a customer with a hostile name. */
async function setup() {
  const t = testApp({ requireApiKey: true, publicOrigin: 'http://127.0.0.1:4010' });
  const key = { 'x-credyt-api-key': t.engine.createApiKey() };
  await t.call('POST', '/assets', { code: 'TOK', name: 'Tokens', label: 'tok', symbol: '¤', precision: 0, rates: [{ source: 'USD', rate: 0.00001 }] }, key);
  const customer = (await t.call('POST', '/customers', { name: '<script>alert(1)</script>', external_id: 'acme' }, key)).body.id as string;
  const session = async () => {
    const answer = await t.call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE }, key);
    const url = new URL(answer.body.redirect_url);
    return { answer, path: url.pathname + url.search, token: url.searchParams.get('token') as string };
  };
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: new URLSearchParams(form).toString() });
  const formToken = (body: string) => /name="form_token" value="([^"]+)"/.exec(body)?.[1] as string;
  const wallet = async (account: string) => (await t.call('GET', `/customers/${customer}/wallet/${account}`, undefined, key)).text;
  return { ...t, key, customer, session, get, post, formToken, wallet };
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

function expectPageHeaders(headers: Record<string, unknown>) {
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['content-security-policy']).toMatch(/default-src 'none'.*style-src 'self'.*form-action 'self'.*frame-ancestors 'none'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['cache-control']).toBe('no-store');
}

describe('POST /billing-portal/sessions', () => {
  it('answers a signed portal link valid for ten minutes, with the hosted claims', async () => {
    const { session, customer, clock, engine } = await setup();
    const { answer, token } = await session();
    expect(answer.status).toBe(201);
    expect(Object.keys(answer.body)).toEqual(['redirect_url', 'expires_at']);
    expect(answer.body.redirect_url).toMatch(/^http:\/\/127\.0\.0\.1:4010\/portal\?token=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(answer.body.expires_at).toBe(new Date(clock().getTime() + 600_000).toISOString());
    expect(claims(token)).toEqual({
      purpose: 'portal-session-redirect',
      issued: clock().toISOString(),
      platform_id: engine.platformAccount().id,
      customer_id: customer,
      live_mode: 'false',
      return_url: RETURN,
      failure_url: FAILURE,
      exp: clock().getTime() / 1000 + 600,
      iss: 'Credyt.Api',
      aud: 'CustomerPortal',
    });
  });

  it('validates like the rest of the API, and needs the API key', async () => {
    const { call, key, customer } = await setup();
    const missing = await call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: 'ftp://x' }, key);
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.errors)).toEqual(['return_url', 'failure_url']);
    const unknown = await call('POST', '/billing-portal/sessions', { customer_id: 'cust_00000000000000000000000000', return_url: RETURN, failure_url: FAILURE }, key);
    expect(unknown.status).toBe(404);
    expect((await call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE })).status).toBe(401);
  });
});

describe('portal page', () => {
  it('opens without an API key, escapes every value and sends the safety headers', async () => {
    const { session, get } = await setup();
    const res = await get((await session()).path);
    expect(res.statusCode).toBe(200);
    expectPageHeaders(res.headers);
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('<h1 id="customer">&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(res.body).toContain(`href="${RETURN.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
    expect(res.body).toContain('<option value="default:TOK|USD">Tokens (TOK) with USD</option>');
    expect(res.body).toContain('<li>Tokens (TOK) with USD: 1 TOK = 0.00001 USD · 1 USD buys 100,000 TOK</li>');
    expect(res.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|app\.example)[^"]*"/); // no external resource
  });

  it('lists recent usage with its fees, and top-ups, escaped', async () => {
    const { session, get, engine, customer } = await setup();
    publishedProduct(engine, 'video', [usagePrice('video_promoted', { usage_type: 'unit' }, [{ unit_price: '0.5' }], { name: 'Promoted video' })]);
    engine.createSubscription(customer, { products: [{ code: 'video' }] });
    engine.postEvents({
      customer_id: customer,
      events: [{ id: '0b9e1c8e-2f6a-4d5b-9c1d-3e4f5a6b7c8d', event_type: 'video_promoted', subject: '<img src=x onerror=alert(2)>', occurred_at: '2026-01-01T00:00:00Z', data: {} }],
    });
    engine.createTopUp({ customer_id: customer, amount: 3, currency: 'USD', destination: { asset: 'TOK' }, return_url: RETURN, failure_url: FAILURE });
    const res = await get((await session()).path);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<td>video_promoted</td><td>&lt;img src=x onerror=alert(2)&gt;</td>');
    expect(res.body).toContain('<td class="num">0.500000 USD</td>');
    expect(res.body).toMatch(/<td class="num">3\.00 USD<\/td>\s*<td class="num">300,000 TOK<\/td><td><span class="status">initiated<\/span>/);
    expect(res.body).toMatch(/<tr data-account="default:USD">[\s\S]*data-field="available">-0\.500000</);
  });

  it('quotes what an amount buys without JavaScript', async () => {
    const { session, get } = await setup();
    const { path } = await session();
    const res = await get(`${path}&option=${encodeURIComponent('default:TOK|USD')}&amount=10&preview=1`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<p class="quote" role="status" aria-live="polite" id="quote">10.00 USD buys 1,000,000 TOK at today&#39;s rate (rounded down).</p>`);
    const bad = await get(`${path}&option=${encodeURIComponent('default:TOK|USD')}&amount=${encodeURIComponent('<b>')}&preview=1`);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="&lt;b&gt;"');
    expect(bad.body).toContain('Enter an amount greater than zero');
  });

  it('answers a live quote as JSON for the page script, only within the session', async () => {
    const { session, get } = await setup();
    const { path, token } = await session();
    const page = await get(path);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'; connect-src 'self'");
    expect(page.body).toContain('<script src="/pages/portal.js" defer></script>');
    const script = await get('/pages/portal.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('textContent');
    expect(script.body).not.toContain('innerHTML');
    const quote = (amount: string, t = token) => get(`/portal/quote?token=${t}&option=${encodeURIComponent('default:TOK|USD')}&amount=${amount}`);
    const ok = await quote('10');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(ok.body)).toEqual({ quote: "10.00 USD buys 1,000,000 TOK at today's rate (rounded down)." });
    expect(JSON.parse((await quote('0.000001')).body)).toEqual({ error: '0.000001 USD buys 0 TOK; enter a larger amount.' });
    expect((await quote('abc')).statusCode).toBe(422);
    const refused = await quote('10', token + 'x');
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ error: 'This link is not valid' });
  });

  it('answers 403 and no data for a tampered, foreign or missing token', async () => {
    const { session, get, customer } = await setup();
    const { token } = await session();
    const [h, p, s] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...claims(token), customer_id: 'cust_00000000000000000000000000' })).toString('base64url');
    const flipped = s.slice(0, 5) + (s[5] === 'A' ? 'B' : 'A') + s.slice(6);
    for (const bad of [`${h}.${other}.${s}`, `${h}.${p}.${flipped}`, '', 'nonsense']) {
      const res = await get(`/portal?token=${bad}`);
      expect(res.statusCode, bad).toBe(403);
      expectPageHeaders(res.headers);
      expect(res.body).toContain('This link is not valid');
      expect(res.body).not.toContain(customer);
      expect(res.body).not.toContain('alert(1)');
    }
    expect((await get('/portal')).statusCode).toBe(403);
  });

  it('answers 410 after ten minutes, linking the failure URL', async () => {
    const { session, get, clock } = await setup();
    const { path } = await session();
    clock.advance(599_000);
    expect((await get(path)).statusCode).toBe(200);
    clock.advance(1_000);
    const res = await get(path);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This billing portal link has expired');
    expect(res.body).toContain(`href="${FAILURE}"`);
    expect(res.body).not.toContain('alert(1)');
  });

  it('refuses a form without the right anti-forgery token or from another site', async () => {
    const { session, get, post, formToken, wallet, clock } = await setup();
    const { path, token } = await session();
    const good = formToken((await get(path)).body);
    clock.advance(1000);
    const other = formToken((await get((await session()).path)).body);
    const fields = { token, option: 'default:TOK|USD', amount: '10' };
    for (const [form, headers] of [
      [fields, {}],
      [{ ...fields, form_token: 'x' }, {}],
      [{ ...fields, form_token: other }, {}],
      [{ ...fields, form_token: good }, { origin: 'https://evil.example' }],
    ] as const) {
      const res = await post('/portal/top-ups', form, headers);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('This form could not be accepted');
    }
    expect((await post('/portal/top-ups', { ...fields, token: token + 'x', form_token: good })).statusCode).toBe(403);
    expect(await wallet('default:TOK')).toMatch(/404|not_found/);
  });
});

describe('checkout page', () => {
  async function started() {
    const s = await setup();
    const { path, token } = await s.session();
    const form = { token, form_token: s.formToken((await s.get(path)).body), option: 'default:TOK|USD', amount: '10' };
    const res = await s.post('/portal/top-ups', form, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/checkout\/top_\w{26}\?token=/);
    return { ...s, location, id: location.split('/')[2].split('?')[0], portalToken: token };
  }

  it('shows what is paid and bought; Pay completes and goes to return_url', async () => {
    const { get, post, location, formToken, wallet, id } = await started();
    expect(await wallet('default:TOK')).toContain('"available":0,"pending_in":1000000,');
    const page = await get(location);
    expect(page.statusCode).toBe(200);
    expectPageHeaders(page.headers);
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://app.example https://fail.example;");
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('<span class="big" id="amount">10.00 USD</span>');
    expect(page.body).toContain('<dd id="buys">1,000,000 TOK');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const token = new URL(location, 'http://x').searchParams.get('token') as string;
    const paid = await post(`/checkout/${id}/pay`, { token, form_token: formToken(page.body) });
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(RETURN);
    expect(await wallet('default:TOK')).toContain('"available":1000000,"pending_in":0,');
    const again = await post(`/checkout/${id}/decline`, { token, form_token: formToken(page.body) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This top-up is already completed');
    expect((await get(location)).statusCode).toBe(409);
  });

  it('Decline fails it, releases pending_in and goes to failure_url', async () => {
    const { get, post, location, formToken, wallet, id } = await started();
    const token = new URL(location, 'http://x').searchParams.get('token') as string;
    const forged = await post(`/checkout/${id}/decline`, { token, form_token: 'nope' });
    expect(forged.statusCode).toBe(403);
    const declined = await post(`/checkout/${id}/decline`, { token, form_token: formToken((await get(location)).body) });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe(FAILURE);
    expect(await wallet('default:TOK')).toContain('"available":0,"pending_in":0,');
  });

  it('refuses a token of another top-up or another kind', async () => {
    const { get, location, id, portalToken, call, key, customer } = await started();
    const token = new URL(location, 'http://x').searchParams.get('token') as string;
    const second = await call('POST', '/top-ups', { customer_id: customer, amount: 1, currency: 'USD', return_url: RETURN, failure_url: FAILURE }, key);
    expect((await get(`/checkout/${second.body.id}?token=${token}`)).statusCode).toBe(403);
    expect((await get(`/checkout/${id}?token=${portalToken}`)).statusCode).toBe(403);
    expect((await get(`/portal?token=${token}`)).statusCode).toBe(403);
    expect((await get(`/checkout/${id}`)).statusCode).toBe(403);
  });

  it('answers 410 once the top-up lapsed, linking failure_url, and the top-up is expired', async () => {
    const { get, location, clock, call, key, id, wallet } = await started();
    clock.advance(24 * 3_600_000);
    const res = await get(location);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This checkout link has expired');
    expect(res.body).toContain(`href="${FAILURE}"`);
    expect((await call('GET', `/top-ups/${id}`, undefined, key)).body.status).toBe('expired');
    expect(await wallet('default:TOK')).toContain('"pending_in":0,');
  });

  it('the redirect_url of POST /top-ups is the signed checkout page', async () => {
    const { call, key, customer, get } = await setup();
    const topUp = (await call('POST', '/top-ups', { customer_id: customer, amount: 2, currency: 'USD', return_url: RETURN, failure_url: FAILURE }, key)).body;
    const url = new URL(topUp.redirect_url);
    expect(url.origin).toBe('http://127.0.0.1:4010');
    expect(claims(url.searchParams.get('token') as string)).toMatchObject({ purpose: 'checkout', top_up_id: topUp.id, customer_id: customer, aud: 'Checkout' });
    expect((await get(url.pathname + url.search)).statusCode).toBe(200);
    expect((await call('GET', `/top-ups/${topUp.id}`, undefined, key)).body.redirect_url).toBe(topUp.redirect_url);
  });
});
