import type { Engine } from '../../engine/index.js';
import { adjustmentAnswer, postEventsAnswer, quoteAnswer } from '../answers.js';
import { directLane, type DirectLane } from './direct-lane.js';
import { headerOf, prefersMinimal } from '../prefer.js';

/**
 * The requests bulk runs send, straight to the engine with the routes' own answers
 * (direct-lane.ts): through fastify's inject (routing, hooks, a fake socket per request)
 * each cost about as much CPU as the engine's work, or more.
 */
export function directLanes(engine: Engine, bodyLimit: number): DirectLane[] {
  return [eventsLane(engine, bodyLimit), adjustmentsLane(engine, bodyLimit), quotesLane(engine, bodyLimit)];
}

/**
 * `POST /events`: a bulk ingest sends a thousand events a request. The answer carries the
 * events already read (`TransportResponse.events`), so a bulk run skips writing a thousand
 * events' JSON and scanning it back; the body is written only if read.
 */
export function eventsLane(engine: Engine, bodyLimit: number): DirectLane {
  const lane = (minimal: boolean) =>
    directLane(engine, bodyLimit, (path) => (path === '/events' ? path : undefined), (e, _path, body) => postEventsAnswer(e, body, minimal));
  const [full, minimal] = [lane(false), lane(true)];
  // `Prefer: return=minimal` is honoured here as over HTTP (routes/events.ts): `credyt api` sees one answer.
  return (req) => (prefersMinimal(headerOf(req.headers, 'prefer')) ? minimal : full)(req);
}

/**
 * The customer segment of the path: only characters a client's encodeURIComponent writes
 * for the ids we issue and their external ids; anything else (and any %-escape that does
 * not decode) is left to the app's router, whose decoding then speaks.
 */
const ADJUSTMENTS_PATH = /^\/customers\/([\w.~%-]+)\/wallet\/adjustments$/;

function customerOf(path: string): string | undefined {
  const segment = ADJUSTMENTS_PATH.exec(path)?.[1];
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `POST /customers/{id}/wallet/adjustments`: a bulk top-up sends one per line. */
export function adjustmentsLane(engine: Engine, bodyLimit: number): DirectLane {
  return directLane(engine, bodyLimit, customerOf, adjustmentAnswer);
}

/** The asset segment: only characters asset codes have; anything else goes to the app's router. */
const QUOTE_PATH = /^\/assets\/([\w.~-]+)\/quote$/;

/**
 * `POST /assets/{code}/quote`: a bulk top-up converts each line with the quote of its own
 * amount when it is applied (services/credit-conversion.ts); through inject a quote cost
 * about twenty times the engine's work.
 */
export function quotesLane(engine: Engine, bodyLimit: number): DirectLane {
  return directLane(engine, bodyLimit, (path) => QUOTE_PATH.exec(path)?.[1], quoteAnswer);
}
