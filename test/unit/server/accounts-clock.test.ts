import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalApp, type LocalApp } from '../../../src/server/local-app.js';
import { testClock } from '../engine/fixture.js';
import { premiumPlan } from '../subscriptions/premium-fixture.js';

// One clock for a platform and its connected accounts: the clock routes answer for the
// platform under X-CREDYT-ACCOUNT too, and moving the clock processes what fell due in
// every account's database. An account's subscription is paid on its page under
// `/connect/acc_…/`, as its checkout is.

const URLS = { return_url: 'https://app.example/ok', failure_url: 'https://app.example/failed' };
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
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const browse = (url: string, form?: Record<string, string>) =>
    form === undefined
      ? local.app.inject({ method: 'GET', url })
      : local.app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(form).toString() });
  return { local, api, browse };
}

/** A customer of the account on the Premium plan, paid on its page: 1,000 CREDIT, then 3 images. */
async function premiumCustomer(t: Awaited<ReturnType<typeof setup>>, account: string): Promise<string> {
  premiumPlan(t.local.accounts.engineFor(account)!);
  const created = await t.api('POST', '/customers', { name: 'Ada', subscriptions: [{ ...URLS, products: [{ code: 'premium_monthly_01' }] }] }, account);
  expect(created.status).toBe(201);
  const sub = created.body.subscriptions[0];
  expect(sub.status).toBe('pending');
  const link = new URL(sub.required_actions[0].redirect_url as string);
  expect(link.pathname).toBe(`/connect/${account}/pay/subscription/${sub.id}`);
  const page = await t.browse(link.pathname + link.search);
  expect(page.statusCode).toBe(200);
  const action = `/connect/${account}/pay/subscription/${sub.id}/pay`;
  expect(page.body).toContain(`action="${action}"`);
  const formToken = /name="form_token" value="([^"]+)"/.exec(page.body)?.[1] as string;
  const paid = await t.browse(action, { token: link.searchParams.get('token') as string, form_token: formToken });
  expect([paid.statusCode, paid.headers.location]).toEqual([303, URLS.return_url]);
  const customer = created.body.id as string;
  for (let i = 0; i < 3; i++) {
    const sent = await t.api('POST', '/events', { customer_id: customer, events: [{ id: randomUUID(), event_type: 'image_generated' }] }, account);
    expect(sent.status).toBe(201);
  }
  return customer;
}

async function balances(t: Awaited<ReturnType<typeof setup>>, customer: string, account?: string) {
  const wallet = await t.api('GET', `/customers/${customer}/wallet`, undefined, account);
  return Object.fromEntries((wallet.body.accounts as { id: string; available: number }[]).map((a) => [a.id, a.available]));
}

function verified(local: LocalApp) {
  return [local.engine.verifyReport(), ...local.accounts.verifyReports()].flatMap((r) => r.violations);
}

describe('one clock for the platform and its connected accounts', () => {
  it("the Premium plan in an account: paid on its page, renewed when the platform's clock moves", async () => {
    const t = await setup();
    const account = (await t.api('POST', '/accounts', { name: 'Studio' })).body.id as string;
    const other = (await t.api('POST', '/accounts', { name: 'Idle' })).body.id as string;
    // The platform's own customer, with money of its own.
    const mine = (await t.api('POST', '/customers', { name: 'Platform customer' })).body.id as string;
    expect((await t.api('POST', `/customers/${mine}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 5, reason: 'gift' })).status).toBe(201);
    const platformBefore = t.local.engine.listTransactions(mine, { limit: 100 });

    const customer = await premiumCustomer(t, account);
    expect(await balances(t, customer, account)).toMatchObject({ 'default:CREDIT': 970 });
    // A checkout nobody pays: it lapses on the way.
    const topUp = await t.api('POST', '/top-ups', { customer_id: customer, amount: 5, currency: 'USD', ...URLS }, account);
    expect(topUp.status).toBe(201);

    // Moved under the header, the clock moved is the platform's: there is only one.
    const moved = await t.api('POST', '/local/clock/advance', { duration: 'P31D' }, account);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      offset_seconds: 31 * 86_400,
      processed: { renewals: 1, grant_expiries: 1, top_up_expiries: 1 },
      accounts: [{ account, renewals: 1, grant_expiries: 1, top_up_expiries: 1 }],
    });
    expect((await t.api('GET', `/top-ups/${topUp.body.id}`, undefined, account)).body.status).toBe('expired');
    expect((await t.api('GET', '/local/clock')).body).toMatchObject({ offset_seconds: 31 * 86_400 });
    expect((await t.api('GET', '/local/clock', undefined, other)).body).toMatchObject({ offset_seconds: 31 * 86_400 });
    expect(await balances(t, customer, account)).toMatchObject({ 'default:CREDIT': 1000, 'default:USD': -20 });
    // The account's renewal is dated at its period end, in the account's ledger.
    const fees = t.local.accounts.engineFor(account)!.listTransactions(customer, { type: 'subscription_fee', limit: 10 });
    expect(fees.total_count).toBe(1);

    // Nothing of the platform's own moved, and nothing of the account reached it.
    expect(t.local.engine.listTransactions(mine, { limit: 100 })).toEqual(platformBefore);
    expect(await balances(t, mine)).toEqual({ 'default:USD': 5 });
    expect((await t.api('GET', `/customers/${customer}`)).status).toBe(404);
    expect(verified(t.local)).toEqual([]);

    // A second move processes only what fell due since: once each.
    const again = await t.api('POST', '/local/clock/advance', { duration: 'P1D' });
    expect(again.body.processed).toEqual({ renewals: 0, grant_expiries: 0, top_up_expiries: 0 });
    expect(again.body.accounts).toBeUndefined();
    const month = await t.api('POST', '/local/clock/advance', { duration: 'P1M' });
    expect(month.body).toMatchObject({ processed: { renewals: 1 }, accounts: [{ account, renewals: 1 }] });
    expect(await balances(t, customer, account)).toMatchObject({ 'default:CREDIT': 1000, 'default:USD': -40 });
    expect(verified(t.local)).toEqual([]);
  });

  it("reset checks every account's rows; bad headers are refused and nothing moves", async () => {
    const t = await setup();
    const account = (await t.api('POST', '/accounts', { name: 'Studio' })).body.id as string;
    await t.api('POST', '/local/clock/advance', { duration: 'P1D' }, account);
    await t.api('POST', '/customers', { name: 'Tomorrow' }, account);
    const refused = await t.api('POST', '/local/clock/reset');
    expect(refused).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(refused.body.detail).toContain(`connected account ${account}: 1 customer is dated after wall time`);
    expect((await t.api('GET', '/local/clock')).body.offset_seconds).toBe(86_400);

    expect((await t.api('POST', '/local/clock/advance', { duration: 'P1D' }, 'acc_nope')).status).toBe(400);
    expect((await t.api('POST', '/local/clock/advance', { duration: 'P1D' }, 'acc_00000000000000000000000000')).status).toBe(404);
    expect((await t.api('GET', '/local/clock')).body.offset_seconds).toBe(86_400);
    // An account's engine has no clock of its own to move.
    expect(() => t.local.accounts.engineFor(account)!.subscriptions.clock.advance({ duration: 'P1D' })).toThrow(/platform's clock/);
  });
});
