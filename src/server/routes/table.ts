import type { Query } from './deps.js';

/** What a route handler reads of a request: the same under fastify and in-process. */
export interface RouteRequest<P = Record<string, string>, Q = Query> {
  params: P;
  query: Q;
  body: unknown;
  /** Request headers, lower-cased names (fastify's; the in-process router passes none). */
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * What a route handler may do to its reply: set the status, or send an answer already
 * written (answers.ts sendAnswer). A fastify reply is one; so is the in-process router's.
 */
export interface RouteReply {
  code(status: number): unknown;
  headers(values: Record<string, string>): unknown;
  type(contentType: string): { send(payload: string): unknown };
}

export interface RouteShape {
  Params?: unknown;
  Querystring?: unknown;
}

type ParamsOf<S extends RouteShape> = S extends { Params: infer P } ? P : Record<string, string>;
type QueryOf<S extends RouteShape> = S extends { Querystring: infer Q } ? Q : Query;

/** A handler answers with a value (written as JSON) or sends through the reply and returns nothing. */
export type RouteHandler<S extends RouteShape = RouteShape> = (
  request: RouteRequest<ParamsOf<S>, QueryOf<S>>,
  reply: RouteReply,
) => unknown;

export type RouteMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Where routes register (one implementation of each route, two dispatchers): fastify's
 * app over HTTP and inject (app.ts), and the embedded profile's in-process router
 * (in-process/router.ts), which answers without building the fastify app.
 */
export interface RouteTable {
  get<S extends RouteShape = RouteShape>(path: string, handler: RouteHandler<S>): void;
  post<S extends RouteShape = RouteShape>(path: string, handler: RouteHandler<S>): void;
  patch<S extends RouteShape = RouteShape>(path: string, handler: RouteHandler<S>): void;
  delete<S extends RouteShape = RouteShape>(path: string, handler: RouteHandler<S>): void;
}

/** A RouteTable over one function that takes every route. */
export function routeTable(add: (method: RouteMethod, path: string, handler: RouteHandler) => void): RouteTable {
  return {
    get: (path, handler) => add('GET', path, handler as RouteHandler),
    post: (path, handler) => add('POST', path, handler as RouteHandler),
    patch: (path, handler) => add('PATCH', path, handler as RouteHandler),
    delete: (path, handler) => add('DELETE', path, handler as RouteHandler),
  };
}
