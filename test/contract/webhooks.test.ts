import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import { recordingServer, type Recorded } from './recorder.js';
import { checkResponse, findOperation, schemaValidator } from './spec.js';
import { publishedProduct, subscriber, usagePrice } from '../unit/engine/pricing-fixture.js';

/** `/webhooks` over real HTTP, held to Credyt's published shapes; the local extensions are not in the spec. */
let server: Recorded;
beforeAll(async () => {
  server = await recordingServer();
});
afterAll(() => server?.stop());

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('/webhooks answers as the spec says', () => {
  it('create, list and get meet their schemas; a bad topic is a 422 naming it', async () => {
    const made = await send('POST', '/webhooks', { url: 'https://yourplatform.com/webhooks/credyt', topics: ['*'] });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    await send('GET', '/webhooks');
    const got = await send('GET', `/webhooks/${made.body.id}`);
    expect(got.body.secret).toBe(made.body.secret);
    const bad = await send('POST', '/webhooks', { url: 'https://x.test', topics: ['nope'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty(['topics[0]']);
    await send('GET', '/webhooks/whd_00000000000000000000000000');

    let checked = 0;
    for (const x of server.exchanges) {
      const op = findOperation(x.method, x.url);
      expect(op, `${x.method} ${x.url}`).toBeDefined();
      const verdict = checkResponse(op!, x.status, JSON.parse(x.responseText));
      if (verdict) checked++;
      expect(verdict?.errors ?? null, `${x.method} ${x.url} → ${x.status}`).toBeNull();
    }
    expect(checked).toBe(5);
  });

  it('the local extensions are not in the spec', async () => {
    expect(findOperation('DELETE', '/webhooks/whd_1')).toBeUndefined();
    expect(findOperation('GET', '/webhooks/whd_1/deliveries')).toBeUndefined();
    expect(findOperation('POST', '/webhooks/deliveries/dlv_1/resend')).toBeUndefined();
  });

  it('a delivery body is a WebhookEvent; subscription.activated meets its own schema', () => {
    const engine = openEngine({ path: ':memory:' });
    engine.webhooks.create({ url: 'https://x.test' });
    publishedProduct(engine, 'pro', [usagePrice('call', {}, [{ unit_price: '0.01' }])]);
    subscriber(engine, ['pro']);
    const [delivery] = engine.webhooks.due(new Date('2100-01-01T00:00:00Z'), 10);
    const body = JSON.parse(delivery.body) as Record<string, unknown>;
    const event = schemaValidator('WebhookEvent');
    expect(event(body), JSON.stringify(event.errors)).toBe(true);
    const activated = schemaValidator('WebhookEventSubscriptionActivated');
    expect(activated(body), JSON.stringify(activated.errors)).toBe(true);
    expect(Object.keys(body.data as object)).toEqual(['customer_id', 'subscription_id', 'occurred_at']);
    expect(activated({ ...body, type: 'subscription.created' })).toBe(false);
    engine.close();
  });
});
