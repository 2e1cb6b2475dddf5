import type { FastifyInstance } from 'fastify';
import { parseJsonDecimal } from '../money/json.js';
import { EngineError } from '../engine/index.js';
import { exactJson, parseExactJson } from '../engine/exact-json.js';
import { Decimal } from '../money/decimal.js';

const toDecimal = (digits: string) => new Decimal(digits);

/**
 * Usage events read integers of up to 15 digits as JS numbers (exact, and far cheaper
 * than a Decimal each): the events path treats a safe integer and its Decimal alike
 * (quantities, dimensions, stored JSON, the idempotency hash). Other routes get Decimals.
 */
function takesSmallIntegers(method: string, url: string): boolean {
  return method === 'POST' && (url === '/events' || url.startsWith('/events?'));
}

/**
 * Replaces fastify's JSON handling with the decimal-exact one: a number in a request
 * becomes a Decimal with every digit, and a Decimal in a reply is written as the shortest
 * exact JSON number. Any content type is read as JSON (curl's default form type included),
 * so a body is never silently ignored.
 */
export function useExactJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseExactJson(text, toDecimal, parseJsonDecimal, takesSmallIntegers(request.method, request.url)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(new EngineError(400, 'bad_request', `Request body is not valid JSON: ${reason}`), undefined);
    }
  });
  app.setReplySerializer((payload) => exactJson(payload));
}
