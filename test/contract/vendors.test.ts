import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingServer, type Recorded } from './recorder.js';
import { checkRequest, checkResponse, findOperation } from './spec.js';

/** Vendors, event costs and stats over real HTTP, held to Credyt's published shapes. */
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

describe('/vendors and stats answer as the spec says', () => {
  it('create (both paths), list, lookup, get and both stats meet their schemas', async () => {
    const made = await send('POST', '/vendors', { name: 'Google', external_id: 'google' });
    expect(made.status).toBe(201);
    const docs = await send('POST', '/events/vendors', { name: 'OpenAI', external_id: 'openai' });
    expect(docs.status).toBe(201);
    await send('GET', '/vendors');
    await send('GET', '/vendors?external_id=google');
    await send('GET', `/vendors/${made.body.id}`);
    await send('GET', `/vendors/${made.body.id}/stats`);
    const customer = await send('POST', '/customers', { name: 'Acme', external_id: 'acme' });
    const events = {
      customer_id: customer.body.id,
      events: [{ id: randomUUID(), event_type: 'chat', costs: [{ vendor_external_id: 'openai', amount: 0.02, currency: 'USD' }] }],
    };
    expect(checkRequest(findOperation('POST', '/events')!, events)?.errors ?? null).toBeNull();
    expect((await send('POST', '/events', events)).status).toBe(201);
    await send('GET', `/customers/${customer.body.id}/stats`);

    let checked = 0;
    for (const x of server.exchanges) {
      const op = findOperation(x.method, x.url);
      expect(op, `${x.method} ${x.url}`).toBeDefined();
      const verdict = checkResponse(op!, x.status, JSON.parse(x.responseText));
      if (verdict) checked++;
      expect(verdict?.errors ?? null, `${x.method} ${x.url} → ${x.status}`).toBeNull();
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
