import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from './local-server.js';

/**
 * A real HTTP server on 127.0.0.1 answering only what a test routes: the smallest body a
 * Credyt-like server may send. Unrouted requests get a bare 404. Each request is recorded.
 */
export interface Sent {
  method: string;
  url: string;
  body: unknown;
}
export type Reply = { status: number; type?: string; body?: unknown; headers?: Record<string, string> };
export type Route = (req: Sent) => Reply | undefined;

export interface MinimalServer {
  env(): Record<string, string>;
  /** Routes tried in order; the first that answers wins. */
  routes: Route[];
  sent: Sent[];
  close(): Promise<void>;
}

export async function startMinimalServer(): Promise<MinimalServer> {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-minimal-'));
  const state: MinimalServer = { env, routes: [], sent: [], close };
  const local = await startLocalServer((req, res, text) => {
    const sent: Sent = { method: req.method!, url: req.url!, body: text ? JSON.parse(text) : undefined };
    state.sent.push(sent);
    const reply = state.routes.map((r) => r(sent)).find((r) => r !== undefined) ?? { status: 404 };
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] = reply.type ?? 'application/json';
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  });
  function env(): Record<string, string> {
    return { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: local.baseUrl, CREDYT_API_KEY: 'key_test' };
  }
  async function close(): Promise<void> {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return state;
}

/** A route for METHOD and a path (query string ignored unless the pattern has one). */
export function on(method: string, path: string | RegExp, reply: Reply | ((s: Sent) => Reply)): Route {
  return (s) => {
    if (s.method !== method) return undefined;
    const target = typeof path === 'string' && !path.includes('?') ? s.url.split('?')[0] : s.url;
    const hit = typeof path === 'string' ? target === path : path.test(target);
    if (!hit) return undefined;
    return typeof reply === 'function' ? reply(s) : reply;
  };
}
