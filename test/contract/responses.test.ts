import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection } from '../helpers/credyt-collection.js';
import { recordingServer, type Exchange, type Recorded } from './recorder.js';
import { checkResponse, findOperation } from './spec.js';

/**
 * What `local serve` answers, held to Credyt's published spec: Credyt's own request
 * collection (Quickstart + Tutorials) plus the reads and refusals it does not make, over
 * real HTTP; every answer of a `documented` or `collection` operation must validate
 * against that operation's response schema.
 */
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

let checked = 0;
function drift(exchanges: Exchange[]): string[] {
  const found: string[] = [];
  for (const x of exchanges) {
    const op = findOperation(x.method, x.url);
    if (!op || op.confidence === 'inferred') continue;
    const verdict = checkResponse(op, x.status, x.responseText ? JSON.parse(x.responseText) : undefined);
    if (verdict) checked++;
    if (verdict?.errors) found.push(`${x.method} ${x.url} → ${x.status} (${verdict.schema}): ${JSON.stringify(verdict.errors.map((e) => `${e.instancePath} ${e.message}`))}`);
  }
  return found;
}

describe('local serve answers as the spec says', () => {
  it("Credyt's collection, then the reads and refusals around it", async () => {
    const vars: Record<string, string> = {};
    for (const folder of collection('contract')) {
      for (const step of folder.steps) {
        const r = await send(step.method, step.path(vars), step.body?.(vars));
        expect(r.status, step.name).toBeLessThan(300);
        step.keep?.(r.body, vars);
      }
    }
    const customers = await send('GET', '/customers?limit=5');
    const customer = customers.body.items[0];
    const events = await send('GET', `/events?customer_id=${customer.id}`);
    const products = await send('GET', '/products');
    const assets = await send('GET', '/assets');
    await send('GET', `/customers?external_id=${encodeURIComponent(customer.external_id)}`);
    await send('GET', `/customers/${customer.id}`);
    await send('GET', `/customers/${customer.id}/wallet`);
    await send('GET', `/customers/${customer.id}/wallet/default:USD`);
    if (events.body.items[0]) await send('GET', `/events/${events.body.items[0].id}`);
    await send('GET', `/products/${products.body.items[0].id}`);
    await send('GET', `/products?code=${products.body.items[0].code}`);
    if (assets.body.items[0]) {
      await send('GET', `/assets/${assets.body.items[0].code}`);
      await send('POST', `/assets/${assets.body.items[0].code}/quote`, { amount: 10, source: 'USD' });
    }
    await send('GET', '/accounts/self');
    // Refusals: unknown ids, a bad body.
    await send('GET', '/customers/cust_00000000000000000000000000');
    await send('POST', '/customers', { name: 7 });
    await send('POST', `/customers/${customer.id}/wallet/adjustments`, { amount: 'x' });

    const seen = new Set(server.exchanges.map((x) => `${findOperation(x.method, x.url)?.template}`));
    expect(seen.size).toBeGreaterThan(12);
    expect(drift(server.exchanges)).toEqual([]);
    // Timestamps are UTC with a Z suffix (components.schemas.Timestamp).
    const zoned = server.exchanges.flatMap((x) => x.responseText.match(/"\d{4}-\d\d-\d\dT\d\d:\d\d[^"]*"/g) ?? []);
    expect(zoned.length).toBeGreaterThan(20);
    expect(zoned.filter((t) => !/Z"$/.test(t))).toEqual([]);
    // Credyt declares its error bodies as application/json (not application/problem+json).
    const errors = server.exchanges.filter((x) => x.status >= 400);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const x of errors) expect(`${x.url} ${x.responseType}`).toMatch(/ application\/json(;|$)/);
    // Most answers had a schema to meet (a few are bodiless or undocumented).
    expect(checked).toBeGreaterThan(server.exchanges.length * 0.8);
  });
});
