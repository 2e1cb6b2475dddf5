import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testApp } from '../server/app-fixture.js';

/** Credyt's entitlements example, as the README creates it: 20 USD + 1,000 CREDIT a month. */
const PREMIUM = parse(readFileSync(resolve(import.meta.dirname, '../../../examples/products/premium.yaml'), 'utf8'));

const RETURN = 'https://app.example/billing?tab=1&x=<y>';
const FAILURE = 'https://fail.example/oops';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `local serve`'s app (API keys needed), Credyt's Premium plan and a pending subscriber with a hostile name. */
async function pending() {
  const t = testApp({ requireApiKey: true, publicOrigin: 'http://127.0.0.1:4010' });
  const key = { 'x-credyt-api-key': t.engine.createApiKey() };
  expect((await t.call('POST', '/assets', { code: 'CREDIT', name: 'Credits', precision: 0 }, key)).status).toBe(201);
  expect((await t.call('POST', '/products', { ...PREMIUM, code: 'premium', publish: true }, key)).status).toBe(201);
  const created = await t.call(
    'POST',
    '/customers',
    { name: '<script>alert(1)</script>', subscriptions: [{ return_url: RETURN, failure_url: FAILURE, products: [{ code: 'premium' }] }] },
    key,
  );
  expect(created.status).toBe(201);
  const sub = created.body.subscriptions[0];
  expect(sub.status).toBe('pending');
  const url = new URL(sub.required_actions[0].redirect_url);
  const token = url.searchParams.get('token') as string;
  const get = (path: string) => t.app.inject({ method: 'GET', url: path });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: path, headers: { ...FORM, ...headers }, payload: new URLSearchParams(form).toString() });
  const formToken = (body: string) => /name="form_token" value="([^"]+)"/.exec(body)?.[1] as string;
  const subscription = async () => (await t.call('GET', `/subscriptions/${sub.id}`, undefined, key)).body;
  const account = async (id: string) => (await t.call('GET', `/customers/${created.body.id}/wallet/${id}`, undefined, key)).body;
  return { ...t, key, id: sub.id as string, customer: created.body.id as string, path: url.pathname + url.search, token, get, post, formToken, subscription, account };
}

function expectPageHeaders(headers: Record<string, unknown>) {
  expect(headers['content-type']).toBe('text/html; charset=utf-8');
  expect(headers['content-security-policy']).toBe(
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' https://app.example https://fail.example; frame-ancestors 'none'; base-uri 'none'",
  );
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cache-control']).toBe('no-store');
}

describe('subscription payment page', () => {
  it('the redirect_url opens without an API key: the plan, the fee and its period, what it includes, escaped', async () => {
    const { get, path, id } = await pending();
    expect(path).toMatch(new RegExp(`^/pay/subscription/${id}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    const page = await get(path);
    expect(page.statusCode).toBe(200);
    expectPageHeaders(page.headers);
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('<dd id="customer">&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
    expect(page.body).toContain('<span class="big" id="amount">20.00 USD</span>');
    expect(page.body).toContain('<dd id="plan">Premium Plan (premium@1)</dd>');
    expect(page.body).toContain('<li>20.00 USD every month <span class="muted">(Monthly Subscription Fee)</span></li>');
    expect(page.body).toContain('<li>1,000 CREDIT, replaced every month <span class="muted">(Monthly Credit Allowance)</span></li>');
    expect(page.body).toContain('<dd id="period">one month from payment, then renewed every month</dd>');
    expect(page.body).toContain('<dd id="expires">2026-01-01 01:00 UTC (in 60 minutes)</dd>');
    expect(page.body).toContain(`<a class="button secondary" id="back" href="${FAILURE}">`);
    expect(page.body).not.toMatch(/https?:\/\/(?!app\.example|fail\.example)[^"]*"/); // no external resource
  });

  it('Pay activates it through the engine (1,000 CREDIT granted) and goes to return_url; again is 409', async () => {
    const { get, post, path, token, id, formToken, subscription, account } = await pending();
    const page = await get(path);
    const paid = await post(`/pay/subscription/${id}/pay`, { token, form_token: formToken(page.body) }, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(RETURN);
    expect(paid.headers['content-security-policy']).toContain("form-action 'self' https://app.example https://fail.example;");
    expect(await subscription()).toMatchObject({ status: 'active', current_period_start: '2026-01-01T00:00:00.000Z', current_period_end: '2026-02-01T00:00:00.000Z' });
    expect((await account('default:CREDIT')).available).toBe(1000);
    const again = await post(`/pay/subscription/${id}/pay`, { token, form_token: formToken(page.body) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This subscription is already active');
    expect(again.body).toContain(`href="${escaped(RETURN)}"`);
    expect((await get(path)).statusCode).toBe(409);
  });

  it('Decline fails it (final) and goes to failure_url; nothing is charged or granted', async () => {
    const { get, post, path, token, id, formToken, subscription, account } = await pending();
    const declined = await post(`/pay/subscription/${id}/decline`, { token, form_token: formToken((await get(path)).body) });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe(FAILURE);
    expect((await subscription()).status).toBe('failed');
    expect((await account('default:CREDIT')).available).toBe(0);
    const page = await get(path);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('This subscription is already failed');
    expect(page.body).toContain(`href="${FAILURE}"`);
  });

  it('refuses a forged form, a form from another site, a token of another subscription or kind; nothing changes', async () => {
    const { get, post, path, token, id, formToken, subscription, call, key, customer } = await pending();
    const good = formToken((await get(path)).body);
    expect((await post(`/pay/subscription/${id}/pay`, { token, form_token: 'nope' })).statusCode).toBe(403);
    expect((await post(`/pay/subscription/${id}/pay`, { token })).statusCode).toBe(403);
    const crossSite = await post(`/pay/subscription/${id}/pay`, { token, form_token: good }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain('This form could not be accepted');
    expect((await post(`/pay/subscription/${id}/pay`, { token: token + 'x', form_token: good })).statusCode).toBe(403);
    expect((await subscription()).status).toBe('pending');

    const other = await call('POST', `/customers/${customer}/subscriptions`, { return_url: RETURN, failure_url: FAILURE, products: [{ code: 'premium' }] }, key);
    const invalid = await get(`/pay/subscription/${other.body.id}?token=${token}`);
    expect(invalid.statusCode).toBe(403);
    expect(invalid.body).toContain('This link is not valid');
    expect((await get(`/pay/subscription/${id}`)).statusCode).toBe(403);
    const portal = await call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE }, key);
    const portalToken = new URL(portal.body.redirect_url).searchParams.get('token') as string;
    expect((await get(`/pay/subscription/${id}?token=${portalToken}`)).statusCode).toBe(403);
    expect((await get(`/checkout/${id}?token=${token}`)).statusCode).toBe(403);
  });

  it('an expired link answers 410 linking failure_url; the subscription stays pending with a fresh link', async () => {
    const { get, post, path, token, id, formToken, clock, subscription } = await pending();
    const good = formToken((await get(path)).body);
    clock.advance(61 * 60_000);
    const res = await get(path);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This payment link has expired');
    expect(res.body).toContain(`href="${FAILURE}"`);
    expect((await post(`/pay/subscription/${id}/pay`, { token, form_token: good })).statusCode).toBe(410);
    const now = await subscription();
    expect(now.status).toBe('pending');
    const fresh = new URL(now.required_actions[0].redirect_url);
    expect((await get(fresh.pathname + fresh.search)).statusCode).toBe(200);
  });
});
