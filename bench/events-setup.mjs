// What events.mjs and events-cpu.mjs share: the seeded customers, the request bodies and
// the two ways of sending them (the embedded transport and local serve over undici).
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { CHAT_PRODUCT } from './chat-product.mjs';
import { createEmbeddedTransport } from '../dist/server/in-process/embedded-transport.js';

export const CUSTOMERS = 8;
/** CREDYT_BENCH_COSTS=1: every event also reports a vendor's cost (`costs`). */
export const WITH_COSTS = process.env.CREDYT_BENCH_COSTS === '1';
const COSTS = [{ vendor_external_id: 'bench-llm', amount: 0.0021, currency: 'USD' }];

/** The product and CUSTOMERS funded subscribers; send(method, path, body) → parsed JSON. */
export async function seed(send) {
  await send('POST', '/products', { ...CHAT_PRODUCT, publish: true });
  if (WITH_COSTS) await send('POST', '/vendors', { name: 'Bench LLM', external_id: 'bench-llm' });
  const customers = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const { id } = await send('POST', '/customers', { name: `Bench ${i}`, subscriptions: [{ products: [{ code: 'chat_api' }] }] });
    await send('POST', `/customers/${id}/wallet/adjustments`, {
      transaction_id: randomUUID(),
      asset: 'USD',
      amount: 1000,
      reason: 'external_topup',
    });
    customers.push(id);
  }
  return customers;
}

/** A `POST /events` body of `size` new events of one customer, each billed two fees. */
export function batchBody(customer, size) {
  const events = [];
  for (let i = 0; i < size; i++) {
    events.push({
      id: randomUUID(),
      event_type: 'response_completed',
      data: { input_tokens: 1000 + i, output_tokens: 250 + (i % 97), model: 'gpt-x' },
      ...(WITH_COSTS ? { costs: COSTS } : {}),
    });
  }
  return JSON.stringify({ customer_id: customer, events });
}

const bodyText = (body) => (typeof body === 'string' ? body : JSON.stringify(body));

function answer(method, path, status, text) {
  if (status >= 300) throw new Error(`${method} ${path} → ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** The app in-process on `dbPath`: { send, close }; send throws on any non-2xx. */
export function embeddedSender(dbPath) {
  const transport = createEmbeddedTransport({ dbPath });
  return {
    send: async (method, path, body) => {
      const res = await transport.request({ method, path, body: bodyText(body) });
      return answer(method, path, res.status, res.body);
    },
    close: () => transport.close(),
  };
}

/** A local serve at `url`, one keep-alive connection: { send, close }. */
export function httpSender(url, apiKey) {
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 60_000 });
  return {
    send: async (method, path, body) => {
      const res = await request(`${url}${path}`, {
        method,
        dispatcher,
        headers: { 'content-type': 'application/json', 'x-credyt-api-key': apiKey },
        body: bodyText(body),
      });
      return answer(method, path, res.statusCode, await res.body.text());
    },
    close: () => dispatcher.close(),
  };
}
