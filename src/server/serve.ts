import type { AddressInfo } from 'node:net';
import { openEngine, type Clock } from '../engine/index.js';
import { createApp } from './app.js';

export interface ServeOptions {
  /** Interface to bind; loopback unless told otherwise (§6.10). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dbPath: string;
  clock?: Clock;
  maxInFlight?: number;
  bodyLimit?: number;
}

export interface RunningServer {
  url: string;
  /** A key made for this run; only its hash is stored. */
  apiKey: string;
  close(): Promise<void>;
}

/** Bounded so a flood gets quick 429s instead of an ever longer queue. */
const DEFAULT_MAX_IN_FLIGHT = 256;

function originOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** `credyt local serve`: the engine over HTTP, every request authenticated. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const engine = openEngine({ path: options.dbPath, clock: options.clock });
  let url = '';
  try {
    const apiKey = engine.createApiKey();
    const app = createApp({
      engine,
      requireApiKey: true,
      maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
      bodyLimit: options.bodyLimit,
      publicOrigin: () => url,
    });
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    url = originOf(app.server.address() as AddressInfo);
    return {
      url,
      apiKey,
      close: async () => {
        await app.close();
        engine.close();
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
