import { CommitFailed, type Engine, type EventStatus } from '../engine/index.js';
import { eventsAnswerJson, type Outcome } from '../engine/events.js';
import { parseExactJson } from '../engine/exact-json.js';
import { Decimal } from '../money/decimal.js';
import { parseJsonDecimal, stringifyJson } from '../money/json.js';
import { commitFailedProblem } from '../server/group-commit.js';
import { toProblem } from '../server/problem.js';
import type { TransportRequest, TransportResponse } from './transport.js';

const toDecimal = (digits: string) => new Decimal(digits);
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** The one request the lane answers; anything else (a query, another content type) goes through the app. */
function isPlainEventsPost(req: TransportRequest): boolean {
  if (req.method !== 'POST' || req.path !== '/events' || req.body === undefined) return false;
  for (const name in req.headers) {
    if (name.toLowerCase() === 'content-type' && req.headers[name] !== 'application/json') return false;
  }
  return true;
}

/** As the app's answer through inject: same headers, same order. */
function headersOf(type: string, body: string, date: string): Record<string, string> {
  return { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), date, connection: 'keep-alive' };
}

function answer(status: number, type: string, body: string, date: string): TransportResponse {
  return { status, headers: headersOf(type, body, date), body };
}

/** What the answer's JSON says of its events, in order: ids, statuses, each one's fees as JSON text. */
export interface EventsAnswered {
  ids: string[];
  statuses: string[];
  fees: string[];
}

/**
 * A 201 answer that also carries what it says of its events: a bulk run reads their ids
 * and statuses from there (bulk.ts) instead of writing a thousand events' JSON and
 * scanning it back. The body and headers are written when first read: the same text as
 * always. (Three arrays, not the engine's outcomes: those hold each fee's objects, which
 * would outlive the wait for the commit and be promoted, for the GC to collect later.)
 */
export interface EventsAnswer extends TransportResponse {
  events: EventsAnswered;
}

function answeredOf(outcomes: readonly Outcome[]): EventsAnswered {
  const events: EventsAnswered = { ids: [], statuses: [], fees: [] };
  for (const { id, status, feesJson } of outcomes) {
    events.ids.push(id);
    events.statuses.push(status);
    events.fees.push(feesJson);
  }
  return events;
}

function eventsAnswer(events: EventsAnswered, date: string): EventsAnswer {
  let text: string | undefined;
  let headers: Record<string, string> | undefined;
  return {
    status: 201,
    get body() {
      return (text ??= eventsAnswerJson(events.ids.map((id, i) => ({ id, status: events.statuses[i] as EventStatus, feesJson: events.fees[i] }))));
    },
    get headers() {
      return (headers ??= headersOf(JSON_TYPE, this.body, date));
    },
    events,
  };
}

/**
 * `POST /events` straight to the engine for the embedded transport: a bulk ingest sends a
 * thousand of these, and fastify's inject (routing, hooks, a fake socket per request) cost
 * about as much CPU as the engine's billing. The answer is the app's, byte for byte (a
 * test compares the two lanes): the body read as the app reads it (small integers as
 * numbers), engine refusals as `toProblem` writes them, and the reply held until the
 * commit group holding the request is on disk, as the app's group-commit hook holds it.
 *
 * Answers undefined for what it leaves to the app: other requests, bodies over the app's
 * limit, and bodies that are not JSON (the app words that refusal; nothing was written).
 */
export function eventsLane(engine: Engine, bodyLimit: number) {
  const groups = engine.groupCommit();
  return async (req: TransportRequest): Promise<TransportResponse | undefined> => {
    if (!isPlainEventsPost(req)) return undefined;
    const text = req.body as string;
    if (text.length * 3 > bodyLimit && Buffer.byteLength(text) > bodyLimit) return undefined;
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = parseExactJson(text, toDecimal, parseJsonDecimal, true);
      } catch {
        return undefined;
      }
    }
    const url = req.path;
    const mark = groups.mark();
    let status = 201;
    let type = JSON_TYPE;
    let payload: string | undefined;
    let answered: EventsAnswered | undefined;
    try {
      answered = answeredOf(engine.postEventsOutcomes(body));
    } catch (error) {
      const refusal = toProblem(error, url);
      status = refusal.status;
      type = PROBLEM_TYPE;
      payload = stringifyJson(refusal);
    }
    if (groups.pending || groups.failedSince(mark)) {
      try {
        await groups.settled(mark);
      } catch (error) {
        const failed = error instanceof CommitFailed ? commitFailedProblem(error, url) : toProblem(error, url);
        status = failed.status;
        // Set by the app's onSend hook, after fastify added the charset to the others.
        type = 'application/problem+json';
        payload = stringifyJson(failed);
      }
    }
    const date = new Date().toUTCString();
    return payload === undefined ? eventsAnswer(answered as EventsAnswered, date) : answer(status, type, payload, date);
  };
}
