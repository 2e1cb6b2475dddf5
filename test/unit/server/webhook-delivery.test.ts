import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { nextAttemptAt, DEFAULT_RETRY_POLICY } from '../../../src/server/webhooks/backoff.js';
import { verifySignature } from '../../../src/webhooks/signature.js';
import { memoryEngine, tempDir, testClock, uuid, type TestClock } from '../engine/fixture.js';
import { DeliveryWorker } from '../../../src/server/webhooks/worker.js';
import { webhookReceiver, type Receiver } from '../../helpers/webhook-receiver.js';

/** `local serve` on a temp file, with the real delivery worker polling every 10 ms. */
describe('webhook delivery from local serve', () => {
  let server: RunningServer | undefined;
  let receiver: Receiver | undefined;
  let cleanup = () => {};
  afterEach(async () => {
    await server?.close();
    await receiver?.close();
    server = receiver = undefined;
    cleanup();
  });

  async function serve(clock: TestClock, timeoutMs?: number) {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'serve.db'), clock, webhooks: { pollMs: 10, timeoutMs } });
    const { url, apiKey } = server;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + path, {
        method,
        headers: { 'X-Credyt-Api-Key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    return call;
  }

  async function adjustment(call: Awaited<ReturnType<typeof serve>>) {
    const customer = (await call('POST', '/customers', { name: 'Acme' })).body.id as string;
    await call('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: uuid(), asset: 'USD', amount: '2.50', reason: 'gift' });
  }

  it('delivers a signed event; a 500 gets the retry after 1 s with the same event id and a fresh signature', async () => {
    const clock = testClock(new Date().toISOString());
    receiver = await webhookReceiver([500, 200]);
    const call = await serve(clock);
    const hook = (await call('POST', '/webhooks', { url: receiver.url, topics: ['adjustment.created'] })).body;
    await adjustment(call);

    const [first] = await receiver.waitFor(1);
    // The backoff waits 1 s of the engine's clock: nothing more until it has passed.
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(1);
    clock.advance(1_500);
    const [, second] = await receiver.waitFor(2);

    expect(second.body).toBe(first.body);
    const event = JSON.parse(first.body);
    expect(event).toMatchObject({ type: 'adjustment.created', live_mode: false, data: { amount: 2.5, reason: 'gift' } });
    expect(first.body).toContain('"amount":2.5');
    expect(event.id).toMatch(/^evt_/);
    const sig = (r: typeof first) => String(r.headers['credyt-signature']);
    expect(sig(second)).not.toBe(sig(first));
    for (const r of [first, second]) {
      const t = Number(/t=(\d+)/.exec(sig(r))![1]);
      expect(verifySignature({ secret: hook.secret, header: sig(r), body: r.body, now: t })).toEqual({ ok: true, timestamp: t });
    }
    expect(Number(/t=(\d+)/.exec(sig(second))![1]) - Number(/t=(\d+)/.exec(sig(first))![1])).toBeGreaterThanOrEqual(1);
    expect(first.headers['content-type']).toBe('application/json');

    const until = Date.now() + 5_000;
    let delivery: any;
    while (Date.now() < until) {
      delivery = (await call('GET', `/webhooks/${hook.id}/deliveries`)).body.items[0];
      if (delivery.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, event_id: event.id, last_attempt: { status_code: 200, error: null } });
    expect((await call('GET', `/webhooks/${hook.id}/deliveries?status=failed`)).body.total_count).toBe(0);

    // Resend: the same event again, delivered again.
    expect((await call('POST', `/webhooks/deliveries/${delivery.id}/resend`)).body).toMatchObject({ status: 'pending' });
    const [, , third] = await receiver.waitFor(3);
    expect(JSON.parse(third.body).id).toBe(event.id);
  });

  it('a receiver that never answers times out, is recorded, and does not hold up the API', async () => {
    const clock = testClock(new Date().toISOString());
    receiver = await webhookReceiver([null]);
    const call = await serve(clock, 300);
    const hook = (await call('POST', '/webhooks', { url: receiver.url })).body;
    await adjustment(call);
    await receiver.waitFor(1);
    const began = performance.now();
    expect((await call('GET', '/webhooks')).status).toBe(200);
    expect(performance.now() - began).toBeLessThan(200);
    const until = Date.now() + 5_000;
    let delivery: any;
    while (Date.now() < until) {
      delivery = (await call('GET', `/webhooks/${hook.id}/deliveries`)).body.items[0];
      if (delivery.attempts > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_attempt: { status_code: null } });
    expect(delivery.last_attempt.error).toMatch(/timeout|abort/i);
  });
});

describe('webhook delivery: bounded per destination', () => {
  let server: RunningServer | undefined;
  let receivers: Receiver[] = [];
  let cleanup = () => {};
  afterEach(async () => {
    await server?.close();
    for (const r of receivers) await r.close();
    server = undefined;
    receivers = [];
    cleanup();
  });

  it('holds at most 4 attempts in flight to a silent receiver; another destination is still served', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'serve.db'), webhooks: { pollMs: 10 } });
    const silent = await webhookReceiver([null]);
    const live = await webhookReceiver([200]);
    receivers = [silent, live];
    const headers = { 'X-Credyt-Api-Key': server.apiKey, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown) =>
      (await (await fetch(server!.url + path, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as any;
    await post('/webhooks', { url: silent.url });
    await post('/webhooks', { url: live.url });
    const customer = (await post('/customers', { name: 'Acme' })).id as string;
    for (let i = 0; i < 6; i++) {
      await post(`/customers/${customer}/wallet/adjustments`, { transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' });
    }
    await live.waitFor(6);
    await new Promise((r) => setTimeout(r, 200));
    expect(silent.received).toHaveLength(4);
  });

  it('takes plain http to a non-loopback host only with allowInsecureWebhooks', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const body = JSON.stringify({ url: 'http://example.com/hook' });
    for (const allow of [false, true]) {
      server = await startServer({ dbPath: join(tmp.dir, 'serve.db'), allowInsecureWebhooks: allow, webhooks: false });
      const headers = { 'X-Credyt-Api-Key': server.apiKey, 'content-type': 'application/json' };
      const res = await fetch(`${server.url}/webhooks`, { method: 'POST', headers, body });
      expect(res.status).toBe(allow ? 201 : 422);
      await server.close();
      server = undefined;
    }
  });
});

describe('the delivery worker sends only what is durable', () => {
  it('waits for the commit groups, and leaves events written meanwhile to the next poll', async () => {
    const receiver = await webhookReceiver([200]);
    const engine = memoryEngine();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const worker = new DeliveryWorker({ webhooks: engine.webhooks, clock: engine.clock, durable: () => gate });
    try {
      engine.webhooks.create({ url: receiver.url });
      const customer = engine.createCustomer({ name: 'Acme' }).id;
      const adjust = () => engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
      const first = adjust();
      const polling = worker.poll();
      adjust();
      await new Promise((r) => setTimeout(r, 50));
      expect(receiver.received).toHaveLength(0);
      release();
      await Promise.all(await polling);
      expect(receiver.received.map((r) => JSON.parse(r.body).data.id)).toEqual([first.id]);
      await Promise.all(await worker.poll());
      expect(receiver.received).toHaveLength(2);
    } finally {
      await worker.stop();
      engine.close();
      await receiver.close();
    }
  });
});

describe('the delivery worker drains a backlog at the receiver\'s pace', () => {
  it('fills a freed slot at once, not at the next poll', async () => {
    const receiver = await webhookReceiver([200]);
    const engine = memoryEngine();
    // One timed poll only: every later attempt must start when an earlier one ends.
    const worker = new DeliveryWorker({ webhooks: engine.webhooks, clock: engine.clock, pollMs: 60_000 });
    try {
      engine.webhooks.create({ url: receiver.url });
      const customer = engine.createCustomer({ name: 'Acme' }).id;
      for (let i = 0; i < 12; i++) engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
      worker.start();
      await receiver.waitFor(12, 5_000);
      const delivered = engine.webhooks.list().items[0]!.id;
      const until = Date.now() + 5_000;
      while (engine.webhooks.deliveries(delivered, { status: 'delivered' }).total_count !== 12) {
        if (Date.now() > until) throw new Error('not every delivery was recorded as delivered');
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(receiver.received).toHaveLength(12);
    } finally {
      await worker.stop();
      engine.close();
      await receiver.close();
    }
  });
});

describe('retry backoff', () => {
  it('waits 1 s, doubling, capped at 1 h, and gives up after 3 days', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const waits = [1, 2, 3, 12, 13, 30].map((n) => (nextAttemptAt(DEFAULT_RETRY_POLICY, n, start, start) as Date).getTime() - start.getTime());
    expect(waits).toEqual([1_000, 2_000, 4_000, 2_048_000, 3_600_000, 3_600_000]);
    const late = new Date(start.getTime() + 3 * 24 * 3_600_000 - 1_000);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 80, late, start)).toBeNull();
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 1, late, start)).toEqual(new Date(late.getTime() + 1_000));
  });
});
