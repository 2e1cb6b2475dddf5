import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a hosted Credyt that answers only what spec/credyt-openapi.yaml shows for
 * its `documented`/`collection` operations, at their most minimal: creates answer `{id}`
 * plus the schema's required members, lists the paged envelope, POST /events 202 with no
 * body, amounts as JSON numbers as in Credyt's own examples. Every other path answers 404
 * with no body, as a server without the route would. Not a model of the engine: it keeps
 * no ledger, it records what it was sent and says what the spec says it says.
 */
export const KEY = 'key_test_hosted';
export const CUSTOMER = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
export const EVENT = '0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90';
export const TOP_UP = 'top_473cr1y0ghbyc3m1yfbwvn3nxx';
export const ADJUSTMENT = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const CHECKOUT_URL = 'https://billing.credyt.ai/api/sign-in?token=checkout';
export const PORTAL_URL = 'https://billing.credyt.ai/api/sign-in?token=portal';

export interface Sent {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** What the server answered (filled in as it answers). */
  answer?: Forced;
}

/** An answer forced for the next request(s), before the routes: error mapping, retries. */
export interface Forced {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface HostedServer {
  url: string;
  sent: Sent[];
  /** Queue answers to give instead of the route's, one per request, in order. */
  force(...answers: Forced[]): void;
  /** Forget what was sent and any forced answer left over. */
  reset(): void;
  close(): Promise<void>;
}

type Route = [method: string, path: RegExp, answer: (sent: Sent) => Forced];

const page = (items: unknown[]) => ({ items, total_count: items.length, limit: 20, offset: 0 });
const json = (status: number, body: unknown): Forced => ({ status, body });

export const ACCOUNT = 'acc_4tvras4k598tdb256atm8axemw';
const ACCOUNT_BODY = { id: ACCOUNT, external_id: 'bingo', name: 'Bingo Lingo' };

const CUSTOMER_BODY = { id: CUSTOMER, external_id: 'acme', name: 'Acme AI', created_at: '2026-03-01T10:00:00Z' };

const ROUTES: Route[] = [
  ['GET', /^\/accounts\/self$/, () => json(200, {})],
  // Connected accounts: 201 {id} as the spec's example; `?external_id=` answers a page.
  ['POST', /^\/accounts$/, () => json(201, { id: ACCOUNT })],
  ['GET', /^\/accounts$/, () => json(200, page([ACCOUNT_BODY]))],
  ['GET', /^\/accounts\/acc_[^/]+$/, ({ path }) => (path === `/accounts/${ACCOUNT}` ? json(200, ACCOUNT_BODY) : { status: 404 })],
  ['POST', /^\/customers$/, () => json(201, { id: CUSTOMER })],
  ['GET', /^\/customers$/, () => json(200, page([CUSTOMER_BODY]))],
  ['GET', /^\/customers\/[^/]+$/, () => json(200, CUSTOMER_BODY)],
  ['GET', /^\/customers\/[^/]+\/wallet$/, () => json(200, { accounts: [{ id: 'default:USD', name: 'default', asset: 'USD', available: 998.5 }] })],
  // The spec's example: the adjustment's id is the transaction_id sent; made now (a created_at
  // before the request would read as an idempotent replay, as a real replay's is).
  ['POST', /^\/customers\/[^/]+\/wallet\/adjustments$/, ({ body }) =>
    json(201, { id: (body as { transaction_id?: string } | undefined)?.transaction_id ?? ADJUSTMENT, created_at: new Date().toISOString() })],
  ['POST', /^\/top-ups$/, () => json(201, { id: TOP_UP, status: 'initiated', redirect_url: CHECKOUT_URL })],
  ['POST', /^\/events$/, () => ({ status: 202 })],
  ['GET', /^\/events$/, () => json(200, page([{ id: EVENT, fees: [{ amount: 0.25, product_version: 1 }] }]))],
  ['GET', /^\/events\/[^/]+$/, () => json(200, { id: EVENT, fees: [{ amount: 0.25, product_version: 1 }] })],
  ['GET', /^\/assets$/, () => json(200, page([{ code: 'TOK' }]))],
  ['GET', /^\/assets\/[^/]+$/, () => json(200, { code: 'TOK' })],
  ['POST', /^\/billing-portal\/sessions$/, () => json(201, { redirect_url: PORTAL_URL, expires_at: '2026-03-01T11:00:00Z' })],
];

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function write(res: ServerResponse, { status, headers, body }: Forced): void {
  if (body === undefined) return void res.writeHead(status, headers).end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startHostedServer(): Promise<HostedServer> {
  const sent: Sent[] = [];
  const forced: Forced[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const one: Sent = { method: req.method!, path: url.pathname + url.search, headers: req.headers, body: await readBody(req) };
    sent.push(one);
    const route = ROUTES.find(([m, re]) => m === req.method && re.test(url.pathname));
    const unauthorized = json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 });
    one.answer = forced.shift() ?? (req.headers['x-credyt-api-key'] !== KEY ? unauthorized : route ? route[2](one) : { status: 404 });
    write(res, one.answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    force: (...answers) => void forced.push(...answers),
    reset: () => {
      sent.splice(0);
      forced.splice(0);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
