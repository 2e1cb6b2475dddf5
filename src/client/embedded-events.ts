import type { Engine } from '../engine/index.js';
import { eventsAnswerJson, type Outcome } from '../engine/fees/events.js';
import type { EventStatus } from '../engine/types.js';
import { heldAnswer, headersOf, isJsonPost, JSON_TYPE, readBody } from './direct-lane.js';
import type { TransportRequest, TransportResponse } from './transport.js';

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
 * commit group holding the request is on disk (direct-lane.ts).
 *
 * Answers undefined for what it leaves to the app: other requests, bodies over the app's
 * limit, and bodies that are not JSON (the app words that refusal; nothing was written).
 */
export function eventsLane(engine: Engine, bodyLimit: number) {
  const groups = engine.groupCommit();
  return (req: TransportRequest): Promise<TransportResponse> | undefined => {
    if (req.path !== '/events' || !isJsonPost(req)) return undefined;
    const body = readBody(req.body, bodyLimit, true);
    if (body === false) return undefined;
    return heldAnswer(groups, req.path, () => answeredOf(engine.postEventsOutcomes(body)), eventsAnswer);
  };
}
