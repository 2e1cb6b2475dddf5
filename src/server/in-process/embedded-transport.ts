import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { DirectLane } from './direct-lane.js';
import type { Engine } from '../../engine/index.js';
import type { LocalApps } from '../local-app.js';
import type { AccountScope } from '../routes/accounts.js';
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
   * The fast lanes (lanes.ts) and the in-process router (router.ts) straight to the
   * engine (default); false sends every request through the fastify app (tests compare
   * the two).
   */
  directLanes?: boolean;
  /** Called for each request the fastify app answers (tests: what the lanes and router leave). */
  appAnswered?: (req: TransportRequest) => void;
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
 * The embedded profile: the server's routes called in-process (same handlers, same
 * validation, no socket, no key). The requests bulk runs send (`POST /events`,
 * adjustments, quotes: lanes.ts) go straight to the engine with the routes' own answers;
 * every other route is answered by the in-process router (router.ts) over the same
 * handlers; what those leave (refusals the app words itself, the pages) goes to the
 * server's fastify app through `inject`, built only then. The runtime hands it to the
 * client, which knows only the Transport interface. The engine loads on the first
 * request, so `credyt --help` and usage errors never pay for SQLite, and a read never
 * pays for fastify.
 */
export function createEmbeddedTransport(options: EmbeddedTransportOptions): Transport {
  let loading: ReturnType<typeof load> | undefined;
  /** Loaded in memory because the file was absent and only reads came so far. */
  let standIn = false;

  async function load(dbPath: string) {
    const [{ openEngine, AccountEngines }, { DEFAULT_BODY_LIMIT }, { directLanes }, { inProcessRouter }, { accountOf, PLATFORM_WIDE }, { accountOrigin, accountScope }] =
      await Promise.all([
        import('../../engine/index.js'),
        import('../body-limit.js'),
        import('./lanes.js'),
        import('./router.js'),
        import('../accounts/dispatch.js'),
        import('../accounts/scope.js'),
      ]);
    let engine: Engine;
    try {
      engine = openEngine({ path: dbPath, clock: options.clock });
    } catch (error) {
      throw ledgerFileError(error, dbPath) ?? error;
    }
    let accounts: InstanceType<typeof AccountEngines>;
    try {
      accounts = new AccountEngines(engine);
    } catch (error) {
      engine.close();
      throw error;
    }
    /** The fastify app, built only for what the lanes and the router leave to it. */
    let apps: Promise<LocalApps> | undefined;
    const app = async (): Promise<FastifyInstance> => {
      apps ??= import('../local-app.js').then(async ({ localApps }) => {
        const built = localApps(engine, accounts, { requireApiKey: false, publicOrigin: EMBEDDED_ORIGIN });
        // Booted once here: concurrent first injects would each boot the app (and fail).
        await built.app.ready();
        return built;
      });
      return (await apps).app;
    };
    const serve = (target: Engine, origin: () => string, account?: AccountScope): DirectLane[] => [
      ...directLanes(target, DEFAULT_BODY_LIMIT),
      inProcessRouter(target, { engine: target, origin }, DEFAULT_BODY_LIMIT, account),
    ];
    const lanes: DirectLane[] = options.directLanes === false ? [] : serve(engine, () => EMBEDDED_ORIGIN);
    /** A connected account's lanes, over its own engine (docs/accounts.md). */
    const accountLanes = new Map<string, DirectLane[]>();
    const lanesOf = (req: TransportRequest): DirectLane[] => {
      const named = accountOf(headerOf(req, 'x-credyt-account'), req.path);
      // No header: the platform's. A refusal is the app's to answer.
      if (named === undefined) return lanes;
      if (typeof named !== 'string' || lanes.length === 0) return [];
      let found = accountLanes.get(named);
      if (!found) {
        const target = accounts.engineFor(named);
        if (!target) return [];
        found = serve(target, accountOrigin(EMBEDDED_ORIGIN, named), accountScope(engine, named));
        accountLanes.set(named, found);
      }
      // The local clock is the platform's, its accounts' too (dispatch.ts).
      return PLATFORM_WIDE.test(req.path) ? lanes : found;
    };
    const close = async () => {
      const built = await apps?.catch(() => undefined);
      await built?.close();
      accounts.close();
      engine.close();
    };
    return { app, lanesOf, close };
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
      options.appAnswered?.(req);
      const res = await (await app()).inject({ method: req.method, url: req.path, headers, payload: req.body });
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
