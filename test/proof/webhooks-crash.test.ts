import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { webhookReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { verifySignature } from '../../src/webhooks/signature.js';

/**
 * At-least-once across SIGKILL: `credyt local serve` (a real process, dist/) is killed
 * right after a write that records an event, while that event's delivery is in flight to
 * a receiver that has not answered. After a restart on the same file the event is
 * delivered (same id, fresh valid signature), and the event the receiver had already
 * answered 2xx is not delivered again.
 */
describe('webhooks: kill -9 of local serve loses no delivery', () => {
  const box: Sandbox = sandbox();
  let receiver: Receiver | undefined;
  let server: Served | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await receiver?.close();
    box.cleanup();
  });

  it('delivers after restart, and never twice what was answered 2xx', { timeout: 60_000 }, async () => {
    const db = join(box.dir, 'hooks.db');
    let hang = true;
    // The first event is answered 200; the second is held unanswered until the restart.
    receiver = await webhookReceiver((_request, index) => (index === 0 ? 200 : hang ? null : 200));
    server = await serve(box, db);
    const call = async (s: Served, method: string, path: string, body?: unknown) => {
      const res = await fetch(s.url + path, {
        method,
        headers: { 'x-credyt-api-key': s.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as any;
    };
    const hook = await call(server, 'POST', '/webhooks', { url: receiver.url, topics: ['adjustment.created'] });
    const customer = (await call(server, 'POST', '/customers', { name: 'Crash' })).id as string;
    const adjust = (s: Served) => call(s, 'POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 1, reason: 'gift' });

    await adjust(server);
    const [first] = await receiver.waitFor(1);
    // Wait for the 200 to be recorded: only then may a kill not send it again.
    const until = Date.now() + 10_000;
    while ((await call(server, 'GET', `/webhooks/${hook.id}/deliveries?status=delivered`)).total_count !== 1) {
      if (Date.now() > until) throw new Error('the first delivery was never recorded as delivered');
      await new Promise((r) => setTimeout(r, 20));
    }
    await adjust(server);
    const [, held] = await receiver.waitFor(2);
    server.child.kill('SIGKILL');
    await new Promise((r) => server!.child.once('close', r));

    hang = false;
    server = await serve(box, db);
    const [, , again] = await receiver.waitFor(3, 20_000);
    await new Promise((r) => setTimeout(r, 500));

    const ids = receiver.received.map((r) => JSON.parse(r.body).id as string);
    const firstId = JSON.parse(first.body).id as string;
    const heldId = JSON.parse(held.body).id as string;
    expect(ids.filter((id) => id === firstId)).toHaveLength(1);
    expect(JSON.parse(again.body).id).toBe(heldId);
    expect(again.body).toBe(held.body);
    const header = String(again.headers['credyt-signature']);
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifySignature({ secret: hook.secret, header, body: again.body, now: t }).ok).toBe(true);
    const deliveries = await call(server, 'GET', `/webhooks/${hook.id}/deliveries`);
    expect(deliveries.items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
    await server.stop();
    server = undefined;
    const verified = await box.run(['local', 'verify', '--db', db]);
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
  });
});
