import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { openEngine } from '../../src/engine/index.js';

/** One exchange as it crossed the wire, bodies as sent. */
export interface Exchange {
  method: string;
  url: string;
  requestType: string | undefined;
  requestText: string;
  status: number;
  responseType: string | null;
  responseText: string;
}

export interface Recorded {
  /** Base URL of the recording proxy: point the client or fetch here. */
  url: string;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/**
 * The real app over a memory engine, behind a real 127.0.0.1 proxy that records every
 * request and answer byte for byte: what the client sends and what the server says.
 */
export async function recordingServer(): Promise<Recorded> {
  const app: FastifyInstance = createApp({ engine: openEngine({ path: ':memory:' }), requireApiKey: false });
  const upstream = await app.listen({ port: 0, host: '127.0.0.1' });
  const exchanges: Exchange[] = [];
  const proxy = createServer(async (req, res) => {
    const requestText = await readAll(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const answer = await fetch(upstream + req.url, { method: req.method, headers, body: hasBody ? requestText : undefined, redirect: 'manual' });
    const responseText = await answer.text();
    exchanges.push({
      method: req.method!,
      url: req.url!,
      requestType: req.headers['content-type'],
      requestText,
      status: answer.status,
      responseType: answer.headers.get('content-type'),
      responseText,
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding'].includes(k)) out[k] = v;
    });
    res.writeHead(answer.status, out).end(responseText);
  });
  const url = await listen(proxy);
  return {
    url,
    exchanges,
    async stop() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await app.close();
    },
  };
}
