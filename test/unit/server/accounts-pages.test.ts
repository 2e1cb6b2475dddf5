import { afterEach, describe, expect, it } from 'vitest';
import { openLocalApp, type LocalApp } from '../../../src/server/local-app.js';
import { testClock } from '../engine/fixture.js';

// A connected account's billing portal and checkout pages: its links lead to
// `/connect/acc_…/…` on the platform's origin, opened by a browser with neither key nor
// header (the signed link is the credential), and answered from the account's database.

const RETURN = 'https://app.example/billing';
const FAILURE = 'https://app.example/failed';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const opened: LocalApp[] = [];
afterEach(async () => {
  for (const local of opened.splice(0)) await local.close();
});

async function setup() {
  const local = openLocalApp({ dbPath: ':memory:', clock: testClock(), requireApiKey: true, publicOrigin: 'http://127.0.0.1:4010' });
  opened.push(local);
  const key = local.engine.createApiKey();
  const api = async (method: 'GET' | 'POST', url: string, body?: unknown, account?: string) => {
    const headers: Record<string, string> = { 'x-credyt-api-key': key, 'content-type': 'application/json' };
    if (account) headers['x-credyt-account'] = account;
    const res = await local.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
    return JSON.parse(res.body);
  };
  const account = (await api('POST', '/accounts', { name: 'A' })).id as string;
  await api('POST', '/assets', { code: 'TOK', name: 'Tokens', label: 'tok', symbol: 'T', precision: 0, rates: [{ source: 'USD', rate: 0.01 }] }, account);
  const customer = (await api('POST', '/customers', { name: 'Acme' }, account)).id as string;
  const browse = (url: string, form?: Record<string, string>) =>
    form === undefined
      ? local.app.inject({ method: 'GET', url })
      : local.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(form).toString() });
  return { api, account, customer, browse };
}

const formToken = (body: string) => /name="form_token" value="([^"]+)"/.exec(body)?.[1] as string;
const pathOf = (url: string) => {
  const u = new URL(url, 'http://x');
  return u.pathname + u.search;
};

describe("a connected account's pages", () => {
  it('runs portal → checkout → pay in the account, without key or header', async () => {
    const { api, account, customer, browse } = await setup();
    const session = await api('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE }, account);
    expect(session.redirect_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4010/connect/${account}/portal\\?token=`));
    const token = new URL(session.redirect_url).searchParams.get('token') as string;
    // The token's platform_id names the account whose data the link opens.
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).platform_id).toBe(account);
    const portal = await browse(pathOf(session.redirect_url));
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain(`action="/connect/${account}/portal/top-ups"`);
    const quote = await browse(`/connect/${account}/portal/quote?${new URLSearchParams({ token, option: 'default:TOK|USD', amount: '10' })}`);
    expect(quote.statusCode).toBe(200);
    const started = await browse(`/connect/${account}/portal/top-ups`, { token, form_token: formToken(portal.body), option: 'default:TOK|USD', amount: '10' });
    expect(started.statusCode).toBe(303);
    const location = started.headers.location as string;
    expect(location).toMatch(new RegExp(`^/connect/${account}/checkout/top_\\w{26}\\?token=`));
    const checkout = await browse(location);
    expect(checkout.statusCode).toBe(200);
    const at = location.split('?')[0];
    expect(checkout.body).toContain(`action="${at}/pay"`);
    const paid = await browse(`${at}/pay`, { token: new URL(location, 'http://x').searchParams.get('token') as string, form_token: formToken(checkout.body) });
    expect([paid.statusCode, paid.headers.location]).toEqual([303, RETURN]);
    expect((await api('GET', `/customers/${customer}/wallet/default:TOK`, undefined, account)).available).toBe(1000);
    // The platform has no such customer; its own pages refuse the account's link.
    expect((await api('GET', `/customers/${customer}`)).status).toBe(404);
    expect((await browse(`/portal?token=${token}`)).statusCode).toBe(403);
  });

  it('serves only pages under /connect: API routes there are 404, with or without the key', async () => {
    const { account, browse, api } = await setup();
    expect((await browse(`/connect/${account}/customers`)).statusCode).toBe(404);
    expect((await api('GET', `/connect/${account}/customers`)).status).toBe(404);
    expect((await browse(`/connect/acc_00000000000000000000000000/portal?token=x`)).statusCode).toBe(404);
  });
});
