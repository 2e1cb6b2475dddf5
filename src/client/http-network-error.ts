import { NetworkError } from '../errors.js';
import { errorCode } from './retry.js';
import type { TransportRequest } from './transport.js';

/** Failures before anything was sent: the host is unknown or unreachable. */
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * A request refused before anything was sent (an invalid header, path or option), by
 * undici or node:http: a bug or a bad value, not the network, so it is left as it is.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_CHAR',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
]);

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/**
 * Turns a failed attempt into one line that names the URL and what went wrong. Errors
 * without a network error code (an invalid header, a bug) are returned unchanged.
 */
export function networkError(
  error: unknown,
  req: TransportRequest,
  url: string,
  baseText: string,
  timeoutMs: number,
  attempts: number,
): unknown {
  const code = errorCode(error);
  if (code === undefined || NOT_SENT_CODES.has(code)) return error;
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  // A non-idempotent request that broke after it was sent may have been applied.
  const unsure = req.retryable
    ? undefined
    : 'the request may or may not have been applied; check before sending it again';
  if (code === 'ATTEMPT_TIMEOUT' || code.endsWith('_TIMEOUT') || code === 'ETIMEDOUT') {
    return new NetworkError(
      `Timed out after ${seconds(timeoutMs)} waiting for ${req.method} ${url}${tries}`,
      unsure ?? 'raise the limit with --timeout, or check the server',
    );
  }
  if (CONNECT_CODES.has(code)) {
    return new NetworkError(
      `Could not connect to ${baseText} (${code})${tries}`,
      code === 'ECONNREFUSED'
        ? 'is the server running? (`credyt local serve` starts a local one)'
        : 'check the base URL and the network',
    );
  }
  if (/CERT|TLS|SSL/.test(code)) {
    return new NetworkError(`TLS connection to ${baseText} failed (${code})`, 'check the base URL and the system clock');
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED') {
    return new NetworkError(
      `Connection to ${baseText} was closed during ${req.method} ${url} (${code})${tries}`,
      unsure,
    );
  }
  return new NetworkError(`Request ${req.method} ${url} failed (${code})${tries}`, unsure);
}
