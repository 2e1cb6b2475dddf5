import { MockAgent } from 'undici';
import { onTestFinished } from 'vitest';
import { CredytClient } from '../../../src/client/client.js';
import { createHttpTransport, type AttemptInfo } from '../../../src/client/http-transport.js';

export const BASE = 'https://api.credyt.test';

/** What a request looked like when it reached the mock server. */
export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * A client over the real HTTP transport whose dispatcher is undici's MockAgent with
 * net connect disabled: any request without an interceptor fails the test, and so does
 * an interceptor no request used (checked when the test ends, by construction).
 */
export function mockApi(opts: { apiKey?: string; maxRetries?: number; profileName?: string; baseUrl?: string } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  onTestFinished(async () => {
    try {
      agent.assertNoPendingInterceptors();
    } finally {
      await agent.close();
    }
  });
  const sleeps: number[] = [];
  const attempts: AttemptInfo[] = [];
  const baseUrl = opts.baseUrl ?? BASE;
  const transport = createHttpTransport({
    baseUrl,
    dispatcher: agent,
    maxRetries: opts.maxRetries ?? 3,
    hasApiKey: opts.apiKey !== undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    onAttempt: (info) => attempts.push(info),
  });
  const client = new CredytClient({
    transport,
    apiKey: opts.apiKey,
    profileName: opts.profileName,
    userAgent: 'credyt/test node/test',
  });
  const pool = agent.get(new URL(baseUrl).origin);
  const seen: Seen[] = [];
  /** Records the request, then answers with `status` and a JSON text body. */
  function answer(status: number, body: string, headers: Record<string, string> = {}) {
    return (req: { path: string; method: string; headers?: unknown; body?: unknown }) => {
      seen.push({
        method: req.method,
        path: req.path,
        headers: lowerHeaders(req.headers),
        body: typeof req.body === 'string' ? req.body : undefined,
      });
      return {
        statusCode: status,
        data: body,
        responseOptions: { headers: { 'content-type': 'application/json', ...headers } },
      };
    };
  }
  return { agent, pool, client, transport, sleeps, attempts, seen, answer };
}

function lowerHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  const entries: [string, unknown][] =
    typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)
      ? [...(headers as Headers).entries()]
      : Object.entries(headers);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}
