import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postSigned } from '../../webhooks/send.js';
import { SIGNATURE_HEADER, verifySignature } from '../../webhooks/signature.js';

/** What became of forwarding one event. */
export interface Forwarded {
  /** null: no answer (refused, timed out). */
  status: number | null;
  durationMs: number;
  error?: string;
}

/** One delivery the listener received and accepted. */
export interface Heard {
  /** The body exactly as delivered (one line of JSON). */
  body: string;
  event: { id?: string; type?: string; created?: string };
  forwarded?: Forwarded;
}

export interface ListenerOptions {
  forwardTo?: string;
  clock: () => Date;
  onEvent(heard: Heard): void;
  /** A request that is not a delivery of our destination (bad signature, not JSON). */
  onRefused(reason: string): void;
}

export interface Listener {
  /** The loopback URL registered as the temporary destination. */
  url: string;
  /** Set once the destination exists: deliveries are checked, and forwards signed, with it. */
  secret?: string;
  close(): Promise<void>;
}

/** As the delivery worker: an attempt has 10 s. */
const FORWARD_TIMEOUT_MS = 10_000;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** POSTs the body to `url` signed afresh with `secret`, as the worker sends a delivery. */
async function forward(url: string, secret: string, body: string, clock: () => Date): Promise<Forwarded> {
  const sent = await postSigned({ url, secret, body, at: clock(), signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
  const outcome = { status: sent.statusCode, durationMs: sent.durationMs };
  return sent.error === null ? outcome : { ...outcome, error: sent.error };
}

/**
 * The loopback HTTP server `credyt listen` registers as its destination. The delivery
 * worker (local serve's, or the one listen runs on an embedded database) POSTs each event
 * here; the listener checks the signature, forwards the event and reports it, then answers
 * 200 whatever the forward's outcome: the forward target is the developer's, and a
 * failure there is shown, not retried. The path carries a random token, so that two
 * listeners, or a stray local request, never pass for each other.
 */
export async function startListener(options: ListenerOptions): Promise<Listener> {
  const path = `/listen/${randomBytes(12).toString('hex')}`;
  const listener: Listener = { url: '', close: async () => {} };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || req.url !== path) return void res.writeHead(404).end();
    // Not yet registered: the worker retries after its backoff.
    if (listener.secret === undefined) return void res.writeHead(503).end();
    const header = req.headers[SIGNATURE_HEADER.toLowerCase()];
    const verdict = verifySignature({ secret: listener.secret, header: typeof header === 'string' ? header : '', body: raw, now: Math.floor(options.clock().getTime() / 1000) });
    if (!verdict.ok) {
      options.onRefused(verdict.reason);
      return void res.writeHead(400).end();
    }
    const body = raw.toString('utf8');
    let event: Heard['event'];
    try {
      event = JSON.parse(body) as Heard['event'];
    } catch {
      options.onRefused('a delivery whose body is not JSON');
      return void res.writeHead(400).end();
    }
    const forwarded = options.forwardTo === undefined ? undefined : await forward(options.forwardTo, listener.secret, body, options.clock);
    options.onEvent({ body, event, forwarded });
    res.writeHead(200).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  listener.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return listener;
}
