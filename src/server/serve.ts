import type { AddressInfo } from 'node:net';
import type { Clock } from '../engine/index.js';
import { openLocalApp } from './local-app.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connections.js';
import type { DeliveryWorkerOptions } from './webhooks/worker.js';
import { startDeliveryFleet } from './webhooks/fleet.js';

export interface ServeOptions {
  /** Interface to bind; loopback unless told otherwise (§6.10). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dbPath: string;
  clock?: Clock;
  maxInFlight?: number;
  bodyLimit?: number;
  /** Header and request timeouts, connections per address (tests shorten them). */
  connections?: Partial<ConnectionLimits>;
  /** Webhook destinations may be plain http to any host (`--allow-insecure-webhooks`). */
  allowInsecureWebhooks?: boolean;
  /** The webhook delivery worker's timing (tests shorten it); `false` runs none. */
  webhooks?: Omit<DeliveryWorkerOptions, 'webhooks' | 'clock' | 'durable'> | false;
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
  let url = '';
  const local = openLocalApp({
    dbPath: options.dbPath,
    clock: options.clock,
    requireApiKey: true,
    maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    bodyLimit: options.bodyLimit,
    connections: { ...DEFAULT_CONNECTION_LIMITS, ...options.connections },
    publicOrigin: () => url,
    allowInsecureWebhooks: options.allowInsecureWebhooks,
  });
  try {
    const apiKey = local.engine.createApiKey();
    await local.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    url = originOf(local.app.server.address() as AddressInfo);
    // Every database's outbox: the platform's and each connected account's (docs/accounts.md).
    const worker = options.webhooks === false ? undefined : startDeliveryFleet(local.engine, local.accounts, options.webhooks);
    const close = async () => {
      await worker?.stop();
      await local.close();
    };
    return { url, apiKey, close };
  } catch (error) {
    await local.close();
    throw error;
  }
}
