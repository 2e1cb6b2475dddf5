import type { TransportRequest } from '../../client/transport.js';
import type { Engine } from '../../engine/index.js';
import { JSON_TYPE, problemAnswer, type RouteAnswer } from '../answers.js';
import { serializeReply } from '../json-body.js';
import { toProblem } from '../problem.js';
import type { AccountScope } from '../routes/accounts.js';
import type { Query, RouteDeps } from '../routes/deps.js';
import { registerApiRoutes } from '../routes/index.js';
import { routeTable, type RouteHandler, type RouteMethod, type RouteReply, type RouteRequest } from '../routes/table.js';
import { framed, heldUntilCommitted, isPlainBody, readBody, TO_THE_APP, type DirectLane } from './direct-lane.js';

/** One registered route: its path's segments, a parameter's name where it starts with `:`. */
interface Route {
  segments: string[];
  handler: RouteHandler;
}

/**
 * Paths it answers: segments of characters the app reads as they are, none empty (no trailing
 * slash). Anything else (a %-escape, `;`, a doubled slash) is left to the app, whose
 * router's decoding and refusals then speak.
 */
const PLAIN_PATH = /^(?:\/[\w.~:@!$'()*+,-]+)+$/;
/** find-my-way's default maxParamLength: a longer segment is the app's 404. */
const MAX_SEGMENT = 100;

/**
 * The query as fastify reads it (find-my-way's fast-querystring): `+` is a space, a key
 * given twice an array, a null-prototype object. undefined when a %-escape does not
 * decode: the app answers that.
 */
export function parseQuery(text: string): Query | undefined {
  const query = Object.create(null) as Query;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(pair.slice(eq + 1));
    if (key === undefined || value === undefined) return undefined;
    const known = query[key];
    if (known === undefined) query[key] = value;
    else if (Array.isArray(known)) known.push(value);
    else query[key] = [known, value];
  }
  return query;
}

function decodeQueryPart(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/**
 * The route `segments` match, as find-my-way picks it: at each segment a static one
 * before a parameter, so of the matching routes the one whose first difference is static.
 */
function match(routes: Route[], segments: string[]): { route: Route; params: Record<string, string> } | undefined {
  let best: Route | undefined;
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    if (!route.segments.every((s, i) => s.startsWith(':') || s === segments[i])) continue;
    if (!best || staticFirst(route, best)) best = route;
  }
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.segments.forEach((s, i) => {
    if (s.startsWith(':')) params[s.slice(1)] = segments[i]!;
  });
  return { route: best, params };
}

function staticFirst(a: Route, b: Route): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const aParam = a.segments[i]!.startsWith(':');
    const bParam = b.segments[i]!.startsWith(':');
    if (aParam !== bParam) return bParam;
  }
  return false;
}

/** What a handler does to its reply, kept to frame the answer as fastify would. */
class HeldReply implements RouteReply {
  status = 200;
  set: Record<string, string> | undefined;
  contentType: string | undefined;
  payload: string | undefined;
  code(status: number): this {
    this.status = status;
    return this;
  }
  headers(values: Record<string, string>): this {
    this.set ??= {};
    for (const [name, value] of Object.entries(values)) this.set[name.toLowerCase()] = value;
    return this;
  }
  type(contentType: string): this {
    this.contentType = contentType;
    return this;
  }
  send(payload: string): this {
    this.payload = payload;
    return this;
  }
}

/** The handler's answer as fastify frames it: a sent text as sent, a value as exact JSON. */
async function answerOf(handler: RouteHandler, params: Record<string, string>, query: Query, body: unknown, headers: RouteRequest['headers']): Promise<RouteAnswer> {
  const reply = new HeldReply();
  const value = await handler({ params, query, body, headers }, reply);
  if (reply.payload !== undefined) {
    const payload = reply.payload;
    return { status: reply.status, type: reply.contentType ?? 'text/plain; charset=utf-8', headers: reply.set, text: () => payload };
  }
  if (value === undefined) throw new Error('the route answered nothing');
  // Fastify sends a string as text and serializes anything else.
  if (typeof value === 'string') return { status: reply.status, type: 'text/plain; charset=utf-8', headers: reply.set, text: () => value };
  return { status: reply.status, type: reply.contentType ?? JSON_TYPE, headers: reply.set, text: () => serializeReply(value) };
}

/**
 * The API's routes (routes/index.ts) answered in-process without building the fastify
 * app: the same handlers, the body read as the app reads it, refusals as its error
 * handler writes them and answers held for the commit group as its hook holds them
 * (direct-lane.ts). It declines (undefined: the app answers) what it would have to
 * answer in the app's own words: no such route, a path or query needing decoding, a body
 * over the limit or not JSON, a body of another content type.
 */
export function inProcessRouter(engine: Engine, deps: RouteDeps, bodyLimit: number, account?: AccountScope): DirectLane {
  const routes = new Map<RouteMethod, Route[]>();
  registerApiRoutes(
    routeTable((method, path, handler) => {
      const list = routes.get(method) ?? [];
      list.push({ segments: path.split('/').slice(1), handler });
      routes.set(method, list);
    }),
    deps,
    account,
  );
  const groups = engine.groupCommit();
  return (req: TransportRequest) => {
    const table = routes.get(req.method as RouteMethod);
    if (!table) return undefined;
    const q = req.path.indexOf('?');
    const path = q < 0 ? req.path : req.path.slice(0, q);
    if (!PLAIN_PATH.test(path)) return undefined;
    const segments = path.split('/').slice(1);
    if (segments.some((s) => s.length > MAX_SEGMENT)) return undefined;
    const matched = match(table, segments);
    if (!matched) return undefined;
    const query = q < 0 ? (Object.create(null) as Query) : parseQuery(req.path.slice(q + 1));
    if (!query) return undefined;
    let body: unknown;
    if (req.body !== undefined) {
      if (req.method === 'GET' || !isPlainBody(req)) return undefined;
      body = readBody(req.body, bodyLimit, req.path, req.method);
      if (body === TO_THE_APP) return undefined;
    }
    const { route, params } = matched;
    return heldUntilCommitted(groups, req.path, () => answerOf(route.handler, params, query, body, lowerCased(req.headers)).catch((e: unknown) => problemAnswer(toProblem(e, req.path)))).then(
      (held) => framed(held, new Date().toUTCString()),
    );
  };
}

/** Header names as fastify gives them to a route (lower-cased). */
function lowerCased(headers: Record<string, string> | undefined): RouteRequest['headers'] {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const name in headers) out[name.toLowerCase()] = headers[name]!;
  return out;
}
