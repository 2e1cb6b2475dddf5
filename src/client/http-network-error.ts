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
  if (code === undefined || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') return error;
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
