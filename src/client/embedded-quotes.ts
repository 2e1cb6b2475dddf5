import type { Engine } from '../engine/index.js';
import { stringifyJson } from '../json/write.js';
import { headersOf, heldAnswer, isJsonPost, JSON_TYPE, readBody } from './direct-lane.js';
import type { TransportRequest, TransportResponse } from './transport.js';

/** The asset segment: only characters asset codes have; anything else goes to the app's router. */
const QUOTE_PATH = /^\/assets\/([\w.~-]+)\/quote$/;

/**
 * `POST /assets/{code}/quote` straight to the engine for the embedded transport: a bulk
 * top-up converts each line with the quote of its own amount when it is applied
 * (services/credit/conversion.ts), and through fastify's inject a quote cost about
 * twenty times the engine's work. The answer is the app's, byte for byte (a test
 * compares the two lanes).
 */
export function quotesLane(engine: Engine, bodyLimit: number) {
  const groups = engine.groupCommit();
  return (req: TransportRequest): Promise<TransportResponse> | undefined => {
    if (!isJsonPost(req)) return undefined;
    const code = QUOTE_PATH.exec(req.path)?.[1];
    if (code === undefined) return undefined;
    const body = readBody(req.body, bodyLimit, false);
    if (body === false) return undefined;
    return heldAnswer(groups, req.path, () => engine.quote(code, body), (view, date) => {
      const text = stringifyJson(view);
      return { status: 200, headers: headersOf(JSON_TYPE, text, date), body: text };
    });
  };
}
