import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseJsonDecimal } from '../json/parse.js';
import { EngineError } from '../engine/index.js';
import { stringifyJson } from '../json/write.js';
import { parseExactJson } from '../json/fast-parse.js';
import { Decimal } from '../money/decimal.js';
import { JsonDepthError, MAX_JSON_DEPTH } from '../json/depth.js';

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
  const parse = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    let value: unknown;
    try {
      value = readJsonBody(typeof body === 'string' ? body : body.toString('utf8'), request.method, request.url);
    } catch (error) {
      return done(error as Error, undefined);
    }
    done(null, value);
  };
  // The same parser under the type the CLI sends: fastify remembers which parser a content
  // type gets, but not for the catch-all, which costs a parse of the header per request.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser('*', { parseAs: 'string' }, parse);
  app.setReplySerializer(serializeReply);
}

/**
 * A request body as the app reads it, for its routes and the in-process lanes alike:
 * decimal-exact, depth-limited, an empty body undefined.
 * @throws EngineError 400 when the text is not JSON or nests too deep
 */
export function readJsonBody(text: string, method: string, url: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    // Depth is limited as the text is read: parsers, writers and hashes later recurse.
    const small = takesSmallIntegers(method, url);
    return parseExactJson(text, toDecimal, parseJsonDecimal, small, MAX_JSON_DEPTH);
  } catch (error) {
    if (error instanceof JsonDepthError) throw tooDeep(error);
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError(400, 'bad_request', `Request body is not valid JSON: ${reason}`);
  }
}

/** How the app writes an answer's value: exact JSON, a Decimal as its shortest exact number. */
export function serializeReply(payload: unknown): string {
  return stringifyJson(payload);
}

/** 400 naming where the body nests too deep (RFC 6901 pointer, also as `pointer`). */
export function tooDeep(error: JsonDepthError): EngineError {
  const where = error.pointer === '' ? 'at the top' : `at ${error.pointer}`;
  return new EngineError(
    400,
    'bad_request',
    `Request body nests deeper than ${error.maxDepth} levels ${where}`,
    { [error.pointer]: [`nests deeper than ${error.maxDepth} levels`] },
    { pointer: error.pointer },
  );
}
