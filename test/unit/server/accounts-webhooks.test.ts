import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { startEmbeddedWorker } from '../../../src/server/webhooks/embedded-worker.js';
import { createEmbeddedTransport } from '../../../src/server/in-process/embedded-transport.js';
import type { TransportRequest } from '../../../src/client/transport.js';
import { verifySignature } from '../../../src/webhooks/signature.js';
import { tempDir, uuid } from '../engine/fixture.js';
import { webhookReceiver, type Receiver } from '../../helpers/webhook-receiver.js';

// Webhooks under connected accounts (docs/accounts.md): a destination made under the
// header is the account's; the platform's `connect: true` destinations also get the
// accounts' events, naming the account; the platform's other destinations do not.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receivers(n: number): Promise<Receiver[]> {
  const list = await Promise.all(Array.from({ length: n }, () => webhookReceiver([200])));
  for (const r of list) cleanups.push(() => r.close());
  return list;
}

type Call = (method: TransportRequest['method'], path: string, body?: unknown, account?: string) => Promise<any>;

/** The scenario, on whatever sends the requests: answers the account and the destinations. */
async function scenario(call: Call, [platformOnly, connect, own]: Receiver[]) {
  const account = (await call('POST', '/accounts', { name: 'A' })).id as string;
  await call('POST', '/webhooks', { url: platformOnly!.url, topics: ['adjustment.created'] });
  const connected = await call('POST', '/webhooks', { url: connect!.url, topics: ['adjustment.created'], connect: true });
  const mine = await call('POST', '/webhooks', { url: own!.url, topics: ['*'] }, account);
  expect((await call('GET', '/webhooks', undefined, account)).total_count).toBe(1);
  expect((await call('GET', '/webhooks')).total_count).toBe(2);
  const customer = (await call('POST', '/customers', { name: 'Acme' }, account)).id as string;
  await call('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: uuid(), asset: 'USD', amount: 2.5, reason: 'gift' }, account);
  return { account, connected, mine };
}

async function expectDeliveries([platformOnly, connect, own]: Receiver[], { account, connected, mine }: Awaited<ReturnType<typeof scenario>>) {
  const [toOwn] = await own!.waitFor(1, 5_000);
  const [toConnect] = await connect!.waitFor(1, 5_000);
  const ownEvent = JSON.parse(toOwn!.body);
  const relayed = JSON.parse(toConnect!.body);
  expect(ownEvent).toMatchObject({ type: 'adjustment.created', data: { amount: 2.5 } });
  expect(ownEvent.account).toBeUndefined();
  // The same event (same id), naming the account it happened in.
  expect(relayed).toEqual({ ...ownEvent, account });
  expect(toConnect!.body).toBe(toOwn!.body.replace('"live_mode":false,', `"live_mode":false,"account":"${account}",`));
  for (const [received, secret] of [[toOwn!, mine.secret], [toConnect!, connected.secret]] as const) {
    const header = String(received.headers['credyt-signature']);
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifySignature({ secret, header, body: received.body, now: t }).ok).toBe(true);
  }
  await new Promise((r) => setTimeout(r, 200));
  expect(platformOnly!.received).toHaveLength(0);
  expect(connect!.received).toHaveLength(1);
}

describe('webhooks of connected accounts', () => {
  it('local serve delivers the account destination and relays to connect destinations', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const server: RunningServer = await startServer({ dbPath: join(tmp.dir, 'serve.db'), webhooks: { pollMs: 10 } });
    cleanups.push(() => server.close());
    const call: Call = async (method, path, body, account) => {
      const headers: Record<string, string> = { 'X-Credyt-Api-Key': server.apiKey };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (account) headers['X-Credyt-Account'] = account;
      const res = await fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(res.status, path).toBeLessThan(300);
      return res.json();
    };
    const hooks = await receivers(3);
    await expectDeliveries(hooks, await scenario(call, hooks));
  });

  it('the embedded delivery worker delivers every database of an embedded ledger', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const dbPath = join(tmp.dir, 'ledger.db');
    const transport = createEmbeddedTransport({ dbPath });
    cleanups.push(() => transport.close());
    const call: Call = async (method, path, body, account) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (account) headers['X-Credyt-Account'] = account;
      const res = await transport.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(res.status, `${path} ${res.body}`).toBeLessThan(300);
      return JSON.parse(res.body);
    };
    const hooks = await receivers(3);
    const made = await scenario(call, hooks);
    const worker = startEmbeddedWorker({ dbPath, pollMs: 10 });
    cleanups.push(() => worker.stop());
    await expectDeliveries(hooks, made);
  });
});
