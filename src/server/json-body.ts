import type { FastifyInstance } from 'fastify';
import { parseJsonDecimal } from '../money/json.js';
import { EngineError } from '../engine/index.js';
import { exactJson, parseExactJson } from '../engine/exact-json.js';
import { Decimal } from '../money/decimal.js';

const toDecimal = (digits: string) => new Decimal(digits);

/**
 * Replaces fastify's JSON handling with the decimal-exact one: a number in a request
 * becomes a Decimal with every digit, and a Decimal in a reply is written as the shortest
 * exact JSON number. Any content type is read as JSON (curl's default form type included),
 * so a body is never silently ignored.
 */
export function useExactJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, parseExactJson(text, toDecimal, parseJsonDecimal));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(new EngineError(400, 'bad_request', `Request body is not valid JSON: ${reason}`), undefined);
    }
  });
  app.setReplySerializer((payload) => exactJson(payload));
}
