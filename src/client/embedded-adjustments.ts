import type { Engine } from '../engine/index.js';
import { stringifyJson } from '../json/write.js';
import { created, heldAnswer, isJsonPost, readBody } from './direct-lane.js';
import type { TransportRequest, TransportResponse } from './transport.js';
import { REPLAYED_HEADER } from './replayed.js';

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

/**
 * `POST /customers/{id}/wallet/adjustments` straight to the engine for the embedded
 * transport: a bulk top-up sends one per line, and fastify's inject cost about as much
 * CPU as the adjustment itself. The answer is the app's, byte for byte (a test compares
 * the two lanes; direct-lane.ts holds it for the commit as the app does).
 */
export function adjustmentsLane(engine: Engine, bodyLimit: number) {
  const groups = engine.groupCommit();
  return (req: TransportRequest): Promise<TransportResponse> | undefined => {
    if (!isJsonPost(req)) return undefined;
    const customer = customerOf(req.path);
    if (customer === undefined) return undefined;
    const body = readBody(req.body, bodyLimit, false);
    if (body === false) return undefined;
    return heldAnswer(groups, req.path, () => engine.applyAdjustment(customer, body), ({ adjustment, replayed }, date) => {
      const answer = created(stringifyJson(adjustment), date);
      // First, where fastify puts a header the route set.
      if (replayed) answer.headers = { [REPLAYED_HEADER]: 'true', ...answer.headers };
      return answer;
    });
  };
}
