import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../server/app-fixture.js';

const RETURN = 'https://app.example/billing';
const FAILURE = 'https://app.example/failed';
const MINUTE = 60_000;

/**
 * The portal's "Recent top-ups" lists what moved the balances it shows: checkout top-ups
 * and platform top-ups (`credyt top-up`: adjustments with reason external_topup), marked by
 * kind. HTTP-level, through the app as a browser would ask for it.
 */
describe('portal: recent top-ups of both kinds', () => {
  it('lists platform top-ups beside checkout top-ups, newest first, marked by kind; gifts are not top-ups', async () => {
    const { call, app, clock } = testApp({ publicOrigin: 'http://127.0.0.1:4010' });
    await call('POST', '/assets', { code: 'TOK', name: 'Tokens', label: 'tok', precision: 0, rates: [{ source: 'USD', rate: 0.00001 }] });
    const customer = (await call('POST', '/customers', { name: 'Acme', external_id: 'acme' })).body.id as string;
    const adjust = async (body: Record<string, unknown>) => {
      const r = await call('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), ...body });
      expect(r.status, r.text).toBe(201);
      clock.advance(MINUTE);
    };
    expect((await call('POST', '/top-ups', { customer_id: customer, amount: 3, currency: 'USD', destination: { asset: 'TOK' }, return_url: RETURN, failure_url: FAILURE })).status).toBe(201);
    clock.advance(MINUTE);
    // What `credyt top-up acme 2 USD --asset TOK` sends: the credit, and what was paid in metadata.
    await adjust({ asset: 'TOK', amount: 200000, reason: 'external_topup', metadata: { source_amount: '2', source_currency: 'USD', exchange_rate: '0.00001' } });
    await adjust({ asset: 'USD', amount: 5, reason: 'external_topup' });
    await adjust({ asset: 'USD', amount: 1, reason: 'gift' });

    const link = (await call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE })).body.redirect_url as string;
    const url = new URL(link);
    const page = await app.inject({ method: 'GET', url: url.pathname + url.search });
    expect(page.statusCode).toBe(200);
    const table = /<table id="top-ups">([\s\S]*?)<\/table>/.exec(page.body)![1]!;
    const rows = [...table.matchAll(/<tr data-kind="(\w+)">([\s\S]*?)<\/tr>/g)].map(([, kind, cells]) => [
      kind,
      ...[...cells!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].slice(1).map(([, c]) => c!.replace(/<[^>]+>/g, '').trim()),
    ]);
    expect(rows).toEqual([
      ['platform', 'platform', '5.00 USD', '5.000000 USD', 'completed'],
      ['platform', 'platform', '2.00 USD', '200,000 TOK', 'completed'],
      ['checkout', 'checkout', '3.00 USD', '300,000 TOK', 'initiated'],
    ]);
    expect(table).toContain('<th scope="col">Kind</th>');
  });

  it('a customer with only platform top-ups no longer sees "No top-ups yet."', async () => {
    const { call, app } = testApp({ publicOrigin: 'http://127.0.0.1:4010' });
    const customer = (await call('POST', '/customers', { name: 'Solo', external_id: 'solo' })).body.id as string;
    await call('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 7, reason: 'external_topup' });
    const link = new URL((await call('POST', '/billing-portal/sessions', { customer_id: customer, return_url: RETURN, failure_url: FAILURE })).body.redirect_url);
    const page = await app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.body).not.toContain('No top-ups yet.');
    expect(page.body).toMatch(/<tr data-kind="platform">[\s\S]*7\.00 USD/);
  });
});
