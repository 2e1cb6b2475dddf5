import type { FastifyInstance } from 'fastify';
import { createApp, type AppOptions } from '../../../src/server/app.js';
import type { Engine } from '../../../src/engine/index.js';
import { memoryEngine, testClock, type TestClock } from '../engine/fixture.js';

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  /** The body text exactly as sent. */
  text: string;
  /** The body parsed with JSON.parse (fine for ids and strings; compare amounts on `text`). */
  body: any;
}

export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  clock: TestClock;
  call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
}

/** An app over an in-memory engine; `body` objects are sent as JSON, strings as they are. */
export function testApp(options: Partial<AppOptions> = {}): TestApp {
  const clock = testClock();
  const engine = memoryEngine(clock);
  const app = createApp({ engine, requireApiKey: false, ...options });
  const call: TestApp['call'] = async (method, url, body, headers = {}) => {
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    const res = await app.inject({
      method,
      url,
      payload,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text: res.body, body: parsed };
  };
  return { app, engine, clock, call };
}

/** Asserts a problem answer (application/json, as Credyt serves it) and returns its body. */
export function isProblem(answer: Answer, status: number, code: string): any {
  if (answer.status !== status || answer.body?.code !== code) {
    throw new Error(`expected ${status} ${code}, got ${answer.status}: ${answer.text}`);
  }
  if (!String(answer.headers['content-type']).startsWith('application/json')) {
    throw new Error(`expected application/json, got ${String(answer.headers['content-type'])}`);
  }
  return answer.body;
}
