import { existsSync } from 'node:fs';
import type { DirectLane } from './direct-lane.js';
import { ledgerFileError, missingLedger } from '../../client/ledger-file.js';
import type { Transport, TransportRequest, TransportResponse } from '../../client/transport.js';

export interface EmbeddedTransportOptions {
  dbPath: string;
  /**
   * When the file does not exist: 'never' refuses every request (a `--db` typo must not
   * become a new ledger); 'on-write' (default) creates it on the first write and answers
   * reads before that from an empty in-memory ledger, leaving nothing on disk.
   */
  create?: 'never' | 'on-write';
  clock?: () => Date;
  /**
   * The fast lanes (lanes.ts) straight to the engine (default); false sends every request
   * through the app (tests compare the two).
   */
  directLanes?: boolean;
}

/** A request header's value, in any casing of its name. */
function headerOf(req: TransportRequest, lowerName: string): string | undefined {
  for (const name in req.headers) if (name.toLowerCase() === lowerName) return req.headers[name];
  return undefined;
}

const isMemoryPath = (path: string) => path === ':memory:' || path === '';

/**
 * Top-up redirect URLs carry this origin. Nothing listens in-process, so they name where
 * `credyt local serve` listens by default: the link opens once that serves this database
 * (checkout tokens are signed with a secret kept in the database, not bound to the origin).
 */
export const EMBEDDED_ORIGIN = 'http://127.0.0.1:4010';

function flatHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * The embedded profile: the server's app called in-process through `inject` (same routes,
 * same validation, no socket, no key), and the requests bulk runs send (`POST /events`,
 * adjustments, quotes: lanes.ts) straight to the engine with the routes' own answers,
 * without fastify's cost per request. The runtime hands it to the client, which knows
 * only the Transport interface. The engine and server load on the first request, so
 * `credyt --help` and usage errors never pay for SQLite or fastify.
 */
export function createEmbeddedTransport(options: EmbeddedTransportOptions): Transport {
  let loading: ReturnType<typeof load> | undefined;
  /** Loaded in memory because the file was absent and only reads came so far. */
  let standIn = false;

  async function load(dbPath: string) {
    const [{ openLocalApp }, { DEFAULT_BODY_LIMIT }, { directLanes }, { accountOf }] = await Promise.all([
      import('../local-app.js'),
      import('../app.js'),
      import('./lanes.js'),
      import('../accounts/dispatch.js'),
    ]);
    let local: ReturnType<typeof openLocalApp>;
    try {
      local = openLocalApp({ dbPath, clock: options.clock, requireApiKey: false, publicOrigin: EMBEDDED_ORIGIN });
    } catch (error) {
      throw ledgerFileError(error, dbPath) ?? error;
    }
    // Booted once here: concurrent first injects would each boot the app (and fail).
    await local.app.ready();
    const lanes: DirectLane[] = options.directLanes === false ? [] : directLanes(local.engine, DEFAULT_BODY_LIMIT);
    /** A connected account's lanes, over its own engine (docs/accounts.md). */
    const accountLanes = new Map<string, DirectLane[]>();
    const lanesOf = (req: TransportRequest): DirectLane[] => {
      const named = accountOf(headerOf(req, 'x-credyt-account'), req.path);
      // No header: the platform's. A refusal is the app's to answer.
      if (named === undefined) return lanes;
      if (typeof named !== 'string' || lanes.length === 0) return [];
      let found = accountLanes.get(named);
      if (!found) {
        const engine = local.accounts.engineFor(named);
        if (!engine) return [];
        accountLanes.set(named, (found = directLanes(engine, DEFAULT_BODY_LIMIT)));
      }
      return found;
    };
    return { ...local, lanesOf };
  }

  return {
    kind: 'embedded',
    async request(req: TransportRequest): Promise<TransportResponse> {
      const write = req.method !== 'GET';
      if (!loading || (standIn && write)) {
        const absent = !isMemoryPath(options.dbPath) && !existsSync(options.dbPath);
        if (absent && options.create === 'never') throw missingLedger(options.dbPath);
        const previous = loading;
        standIn = absent && !write;
        loading = load(standIn ? ':memory:' : options.dbPath).catch((error: unknown) => {
          loading = undefined;
          throw error;
        });
        await (await previous?.catch(() => undefined))?.close();
      }
      const { app, lanesOf } = await loading;
      for (const lane of lanesOf(req)) {
        const direct = lane(req);
        if (direct) return direct;
      }
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      const res = await app.inject({ method: req.method, url: req.path, headers, payload: req.body });
      return { status: res.statusCode, headers: flatHeaders(res.headers), body: res.body };
    },
    async close(): Promise<void> {
      if (!loading) return;
      const pending = loading;
      loading = undefined;
      const loaded = await pending.catch(() => undefined);
      await loaded?.close();
    },
  };
}
