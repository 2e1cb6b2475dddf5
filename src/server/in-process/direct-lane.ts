import type { TransportRequest, TransportResponse } from '../../client/transport.js';
import type { Engine } from '../../engine/index.js';
import type { CommitGroups } from '../../engine/store/group-commit.js';
import { problemAnswer, type RouteAnswer } from '../answers.js';
import { afterCommit } from '../group-commit.js';
import { readJsonBody } from '../json-body.js';
import { toProblem } from '../problem.js';

/** One request a lane answers from the engine, or undefined: the app answers it. */
export type DirectLane = (req: TransportRequest) => Promise<TransportResponse> | undefined;

/** What a lane leaves to the app, whose answer is then the app's own. */
export const TO_THE_APP = Symbol('to the app');

/** The headers of an answer through inject, after the route's own: same names, same order. */
export function headersOf(type: string, body: string, date: string): Record<string, string> {
  return { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), date, connection: 'keep-alive' };
}

/** True for a JSON POST (no content type, or exactly the client's); others go through the app. */
export function isJsonPost(req: TransportRequest): req is TransportRequest & { body: string } {
  return req.method === 'POST' && req.body !== undefined && isPlainBody(req);
}

/** True when the request names no content type, or exactly the client's (application/json). */
export function isPlainBody(req: TransportRequest): boolean {
  for (const name in req.headers) {
    if (name.toLowerCase() === 'content-type' && req.headers[name] !== 'application/json') return false;
  }
  return true;
}

/**
 * The body as the app reads it (json-body.ts), or TO_THE_APP for what the app must
 * refuse in its own words: over its limit, or not JSON (nothing is written then).
 */
export function readBody(text: string, bodyLimit: number, path: string, method = 'POST'): unknown {
  if (text.length * 3 > bodyLimit && Buffer.byteLength(text) > bodyLimit) return TO_THE_APP;
  try {
    return readJsonBody(text, method, path);
  } catch {
    return TO_THE_APP;
  }
}

/**
 * The route's answer, or its refusal as the app's error handler writes it, held until the
 * commit group holding the call's writes is on disk, as the app's group-commit hook holds
 * it (afterCommit: a 503 when that commit failed).
 */
async function heldAnswer(groups: CommitGroups, url: string, build: () => RouteAnswer): Promise<RouteAnswer> {
  const mark = groups.mark();
  let answer: RouteAnswer;
  try {
    answer = build();
  } catch (error) {
    answer = problemAnswer(toProblem(error, url));
  }
  return committed(groups, mark, url, answer);
}

/** heldAnswer for a route answered by a promise (the in-process router's handlers). */
export async function heldUntilCommitted(groups: CommitGroups, url: string, build: () => Promise<RouteAnswer>): Promise<RouteAnswer> {
  const mark = groups.mark();
  return committed(groups, mark, url, await build());
}

/** `answer`, or the 503 that replaces it when the group holding what came after `mark` failed. */
async function committed(groups: CommitGroups, mark: number, url: string, answer: RouteAnswer): Promise<RouteAnswer> {
  const waiting = afterCommit(groups, mark, url);
  if (waiting) {
    try {
      const failed = await waiting;
      if (failed) return problemAnswer(failed);
    } catch (error) {
      return problemAnswer(toProblem(error, url));
    }
  }
  return answer;
}

/** The answer as inject hands it over; the body (and so its length) is written when first read. */
export function framed(answer: RouteAnswer, date: string): TransportResponse {
  let body: string | undefined;
  let headers: Record<string, string> | undefined;
  const response: TransportResponse = {
    status: answer.status,
    get body() {
      return (body ??= answer.text());
    },
    get headers() {
      return (headers ??= { ...answer.headers, ...headersOf(answer.type, this.body, date) });
    },
  };
  if (answer.events) response.events = answer.events;
  return response;
}

/**
 * A route of the app answered straight from the engine: `params` picks the requests it
 * takes (a JSON POST to its path), `answer` is the route's own answer builder (answers.ts),
 * so the app and the lane cannot answer differently; what is left is inject's framing.
 * Bodies the app must refuse in its own words (over its limit, not JSON) go to the app.
 */
export function directLane<P>(
  engine: Engine,
  bodyLimit: number,
  params: (path: string) => P | undefined,
  answer: (engine: Engine, params: P, body: unknown) => RouteAnswer,
): DirectLane {
  const groups = engine.groupCommit();
  return (req) => {
    if (!isJsonPost(req)) return undefined;
    const matched = params(req.path);
    if (matched === undefined) return undefined;
    const body = readBody(req.body, bodyLimit, req.path);
    if (body === TO_THE_APP) return undefined;
    return heldAnswer(groups, req.path, () => answer(engine, matched, body)).then((held) => framed(held, new Date().toUTCString()));
  };
}
