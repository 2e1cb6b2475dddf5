import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process-sandbox.js';
import { createEmbeddedTransport } from '../../src/server/in-process/embedded-transport.js';
import type { Transport, TransportRequest } from '../../src/client/transport.js';

// Two connected accounts on the embedded database each make a customer with the same
// external id; a top-up in one is seen by neither the other nor the platform, and
// `credyt local verify` audits the platform's file and each account's, naming the account.

const json = (r: { stdout: string }) => JSON.parse(r.stdout);

describe('connected accounts on one embedded database', () => {
  let box: InProcessSandbox;
  let transport: Transport;
  const send = async (method: TransportRequest['method'], path: string, body?: unknown, account?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (account) headers['X-CREDYT-ACCOUNT'] = account;
    const res = await transport.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: JSON.parse(res.body) };
  };
  let accounts: string[] = [];
  let customers: string[] = [];

  beforeAll(async () => {
    box = inProcessSandbox();
    transport = createEmbeddedTransport({ dbPath: box.env.CREDYT_DB as string });
    accounts = [];
    customers = [];
    for (const name of ['One', 'Two']) {
      const account = (await send('POST', '/accounts', { name, external_id: name.toLowerCase() })).body.id;
      const customer = await send('POST', '/customers', { name: 'Acme', external_id: 'acme' }, account);
      expect(customer.status).toBe(201);
      accounts.push(account);
      customers.push(customer.body.id);
    }
  });
  afterAll(async () => {
    await transport?.close();
    box?.cleanup();
  });

  it('keeps a top-up in its own account', async () => {
    const topUp = await send('POST', '/top-ups', { customer_id: customers[0], amount: 25, currency: 'USD', return_url: 'https://example.com/ok', failure_url: 'https://example.com/no' }, accounts[0]);
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(201);
    expect((await send('POST', `/top-ups/${topUp.body.id}/complete`, {}, accounts[0])).status).toBe(200);
    const wallet = await send('GET', `/customers/${customers[0]}/wallet`, undefined, accounts[0]);
    expect(wallet.body.accounts[0]).toMatchObject({ asset: 'USD', available: 25 });
    // The other account: its own customer `acme`, nothing topped up, no such top-up.
    expect((await send('GET', '/customers?external_id=acme', undefined, accounts[1])).body.id).toBe(customers[1]);
    expect((await send('GET', `/top-ups/${topUp.body.id}`, undefined, accounts[1])).status).toBe(404);
    expect((await send('GET', '/top-ups', undefined, accounts[1])).body.total_count).toBe(0);
    // The platform's own lists hold none of the accounts' rows.
    expect((await send('GET', '/top-ups')).body.total_count).toBe(0);
    expect((await send('GET', '/customers')).body.total_count).toBe(0);
    expect((await send('GET', `/top-ups/${topUp.body.id}`)).status).toBe(404);
  });

  it('local verify audits every database and names the account of a tampered row', async () => {
    await transport.close();
    const ok = await box.run(['local', 'verify', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(json(ok)).toMatchObject({ ok: true, violations: [], accounts: accounts.map((account) => ({ account, ok: true })) });
    expect(json(ok).accounts[0].checked.top_ups).toBe(1);
    const file = new Database(`${box.env.CREDYT_DB}.accounts/${accounts[0]}.db`);
    file.prepare("UPDATE accounts SET available = '1000000' WHERE customer_id = ?").run(customers[0]);
    file.close();
    const bad = await box.run(['local', 'verify']);
    expect(bad.code).toBe(11);
    expect(bad.stdout).toMatch(new RegExp(`^replay\\taccounts\\t\\d+\\t.*\\t${accounts[0]}$`, 'm'));
    expect(bad.stderr).toContain(`connected accounts: ${accounts[0]}`);
    expect(bad.stderr).toMatch(new RegExp(`Checked account ${accounts[1]}: `));
  });
});
