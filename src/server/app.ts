import fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_ORIGIN, type Engine } from '../engine/index.js';
import { limitInFlight, requireApiKey } from './guards.js';
import { clientErrorHandler, limitConnectionsPerPeer, serverTimeouts, type ConnectionLimits } from './connections.js';
import { useExactJson } from './json-body.js';
import { useGroupCommit } from './group-commit.js';
import { problem, sendProblem, toProblem } from './problem.js';
import type { AccountScope } from './routes/accounts.js';
import { dispatchToAccounts, type AccountApps } from './accounts/dispatch.js';
import { registerApiRoutes } from './routes/index.js';
import { routeTable, type RouteTable } from './routes/table.js';
import { pagesPlugin } from './pages/routes.js';
import { DEFAULT_BODY_LIMIT } from './body-limit.js';

export { DEFAULT_BODY_LIMIT };

export interface AppOptions {
  engine: Engine;
  /** Over HTTP every request needs an engine-issued key; in-process it does not. */
  requireApiKey: boolean;
  bodyLimit?: number;
  /** Requests in flight beyond which the app answers 429; unlimited when absent. */
  maxInFlight?: number;
  /** Origin of top-up redirect URLs: a string, or read per request once it is known. */
  publicOrigin?: string | (() => string);
  /** One transaction and one fsync for the writes of an event-loop turn (default on). */
  groupCommit?: boolean;
  /** Timeouts and connections per address, for an app that listens (`local serve`). */
  connections?: ConnectionLimits;
  /** The platform's app: requests carrying X-CREDYT-ACCOUNT go to these apps (docs/accounts.md). */
  accountApps?: AccountApps;
  /** A connected account's app: whose data it serves (its `/accounts` routes differ). */
  account?: AccountScope;
}

/** Routes carry no JSON schemas; stubbing the compilers keeps fastify from loading ajv. */
function noSchemaCompiler(): never {
  throw new Error('credyt routes carry no JSON schemas: the engine validates requests');
}

/**
 * The Credyt HTTP API over an engine. Built for a cheap start (every embedded CLI command
 * builds one): no logger and no JSON schemas to compile; the engine validates.
 */
export function createApp(options: AppOptions): FastifyInstance {
  const { engine, publicOrigin = DEFAULT_ORIGIN } = options;
  const app = fastify({
    ...(options.connections ? serverTimeouts(options.connections) : {}),
    // Node's own refusals (headers too large, timeouts) as problem bodies.
    clientErrorHandler,
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    exposeHeadRoutes: false,
    schemaController: {
      compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler },
    },
    // Errors the router raises before any handler (a malformed %-escape in the path) would
    // otherwise answer fastify's own JSON instead of a problem body.
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, problem(400, 'bad_request', `The request URL is malformed: ${error.message}`, request.url));
    },
  });
  useExactJson(app);
  // First: every later hook and handler may touch the engine.
  if (options.groupCommit !== false) useGroupCommit(app, engine);
  if (options.maxInFlight !== undefined) limitInFlight(app, options.maxInFlight);
  if (options.connections) limitConnectionsPerPeer(app, options.connections.maxConnectionsPerPeer);
  if (options.requireApiKey) requireApiKey(app, engine);
  if (options.accountApps) dispatchToAccounts(app, options.accountApps);

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request.url)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`, request.url)),
  );

  const deps = {
    engine,
    origin: typeof publicOrigin === 'function' ? publicOrigin : () => publicOrigin,
  };
  registerApiRoutes(fastifyTable(app), deps, options.account);
  // The portal and checkout pages: HTML, their own form parser and error pages (docs/portal.md).
  void app.register(pagesPlugin, deps);
  return app;
}

/** Fastify's app as a RouteTable: each route's handler called with fastify's request and reply. */
function fastifyTable(app: FastifyInstance): RouteTable {
  return routeTable((method, url, handler) => {
    app.route({ method, url, handler: (request, reply) => handler(request as Parameters<typeof handler>[0], reply) });
  });
}
