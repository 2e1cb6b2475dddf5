import { REPLAYED_HEADER } from '../client/replayed.js';
import type { AnsweredEvents } from '../client/transport.js';
import type { Engine } from '../engine/index.js';
import { eventsAnswerJson } from '../engine/fees/events.js';
import { jsonString } from '../json/canonical.js';
import type { EventStatus } from '../engine/types.js';
import { serializeReply } from './json-body.js';
import { PROBLEM_TYPE, problemText, type Problem } from './problem.js';
import type { RouteReply } from './routes/table.js';

/** The content type fastify gives a JSON answer. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What a route answers, before anything frames it: fastify (`sendAnswer`) over HTTP and
 * inject, or an in-process lane (server/in-process/) straight to the CLI. One function
 * builds it for both, so the two cannot answer differently.
 */
export interface RouteAnswer {
  status: number;
  type: string;
  /** Headers the route sets itself; fastify's own follow them. */
  headers?: Record<string, string>;
  /** The body's JSON text: a lane writes it only when its caller reads the body. */
  text(): string;
  /** `POST /events`: what the body says of the events, for an in-process caller. */
  events?: AnsweredEvents;
}

/** Writes an answer through fastify: a pre-written JSON string is sent as it is. */
export function sendAnswer(reply: RouteReply, answer: RouteAnswer): void {
  reply.code(answer.status);
  if (answer.headers) reply.headers(answer.headers);
  reply.type(answer.type).send(answer.text());
}

function valueAnswer(status: number, value: unknown, headers?: Record<string, string>): RouteAnswer {
  return { status, type: JSON_TYPE, headers, text: () => serializeReply(value) };
}

/** A refusal, as the app's error handler answers it (problem.ts). */
export function problemAnswer(problem: Problem): RouteAnswer {
  return { status: problem.status, type: PROBLEM_TYPE, text: () => problemText(problem) };
}

/**
 * `POST /events` (contract §6.8): 201 with each event's id, status and fees. The answer
 * keeps three arrays, not the engine's outcomes: those hold each fee's objects, which an
 * in-process caller waiting for the commit would keep alive past the young generation.
 * `minimal` (the request's `Prefer: return=minimal`, a local extension): each event's id,
 * status and `billed` (whether it has fees) instead of its fees, about a sixth of the text
 * (docs/decisions.md, "A minimal POST /events answer for bulk runs").
 */
export function postEventsAnswer(engine: Engine, body: unknown, minimal = false): RouteAnswer {
  const events: AnsweredEvents = { ids: [], statuses: [], fees: [] };
  for (const { id, status, feesJson } of engine.postEventsOutcomes(body)) {
    events.ids.push(id);
    events.statuses.push(status);
    events.fees.push(feesJson);
  }
  if (minimal) {
    return { status: 201, type: JSON_TYPE, headers: { [PREFERENCE_APPLIED]: 'return=minimal' }, text: () => minimalEventsJson(events), events };
  }
  const text = () =>
    eventsAnswerJson(events.ids.map((id, i) => ({ id, status: events.statuses[i] as EventStatus, feesJson: events.fees[i] })));
  return { status: 201, type: JSON_TYPE, text, events };
}

/**
 * postEventsAnswer for fastify, which writes the text at once and reads nothing else: no
 * `events`, and the minimal answer asks each accepted event only whether it has fees, so
 * their text (Outcome.feesJson, written when read) is never written.
 */
export function postEventsHttpAnswer(engine: Engine, body: unknown, minimal = false): RouteAnswer {
  const outcomes = engine.postEventsOutcomes(body);
  if (!minimal) return { status: 201, type: JSON_TYPE, text: () => eventsAnswerJson(outcomes) };
  let out = '{"events":[';
  for (let i = 0; i < outcomes.length; i++) {
    const { id, status, fees } = outcomes[i];
    const billed = fees ? fees.length > 0 : outcomes[i].feesJson !== '[]';
    out += `${i === 0 ? '' : ','}{"id":${jsonString(id)},"status":"${status}","billed":${billed}}`;
  }
  const text = `${out}]}`;
  return { status: 201, type: JSON_TYPE, headers: { [PREFERENCE_APPLIED]: 'return=minimal' }, text: () => text };
}

/** RFC 7240's answer to a `Prefer` the server honoured (lower-cased, as fastify writes every header). */
const PREFERENCE_APPLIED = 'preference-applied';

/** `{"events":[{"id":…,"status":…,"billed":true|false}]}`: the minimal answer of `POST /events`. */
function minimalEventsJson(events: AnsweredEvents): string {
  let out = '{"events":[';
  for (let i = 0; i < events.ids.length; i++) {
    out += `${i === 0 ? '' : ','}{"id":${JSON.stringify(events.ids[i])},"status":"${events.statuses[i]}","billed":${events.fees[i] !== '[]'}}`;
  }
  return `${out}]}`;
}

/** `POST /customers/{id}/wallet/adjustments` (contract §6.5): 201 with the adjustment. */
export function adjustmentAnswer(engine: Engine, customerId: string, body: unknown): RouteAnswer {
  const { adjustment, replayed } = engine.applyAdjustment(customerId, body);
  // Local extension (Stripe's header): a replay answers the original and moved nothing.
  return valueAnswer(201, adjustment, replayed ? { [REPLAYED_HEADER]: 'true' } : undefined);
}

/** `POST /assets/{code}/quote` (contract §6.2): 200 with the quote. */
export function quoteAnswer(engine: Engine, code: string, body: unknown): RouteAnswer {
  return valueAnswer(200, engine.quote(code, body));
}
