/**
 * Retry policy of the HTTP transport: which answers and failures are worth another try,
 * and how long to wait before it. Pure functions, so the policy is tested without sockets.
 */

/** Statuses that say "try again later": throttled, or a server or gateway hiccup. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Error codes of failures where the request most likely never took effect, or the
 * connection broke: worth another try for an idempotent request. DNS failures other than
 * EAI_AGAIN and TLS errors are left out: retrying them only delays the same answer.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ATTEMPT_TIMEOUT',
]);

/** Default first backoff step and ceiling (full jitter draws in [0, min(cap, base·2^n))). */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_CAP_MS = 8_000;
/** A server may ask for a long pause; a CLI waits at most this long per retry. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** True for 429, 500, 502, 503 and 504. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/**
 * The most telling error code of a failure, looking through `cause` chains and
 * AggregateErrors (Node reports a refused dual-stack connect as an AggregateError). A
 * system code (ECONNRESET…) beats undici's wrapper codes, which say less.
 */
export function errorCode(error: unknown): string | undefined {
  const codes: string[] = [];
  collectCodes(error, codes, 0);
  return codes.find((c) => /^E[A-Z]/.test(c)) ?? codes[0];
}

function collectCodes(error: unknown, into: string[], depth: number): void {
  if (depth > 5 || typeof error !== 'object' || error === null) return;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') into.push(code);
  collectCodes(cause, into, depth + 1);
  if (Array.isArray(errors)) for (const e of errors) collectCodes(e, into, depth + 1);
}

/** True when a failed attempt may be repeated (for a request that is safe to repeat). */
export function isTransientError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): spreads the retries of many clients instead of synchronising them.
 * `retry` counts from 1 (the wait before the second attempt).
 */
export function backoffDelay(
  retry: number,
  random: () => number = Math.random,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds a `Retry-After` header asks for (delta-seconds or an HTTP date), capped at
 * `capMs`; undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number = Date.now(),
  capMs = RETRY_AFTER_CAP_MS,
): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Math.ceil(Number(text) * 1000);
  } else {
    // An HTTP date always names its day and month; Date.parse alone accepts "-5" as a year.
    if (!/[a-z]/i.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(capMs, Math.max(0, ms));
}

/** Wait before retry number `retry`: what the server asked for, else jittered backoff. */
export function retryDelay(
  retry: number,
  retryAfter: string | undefined,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): number {
  return parseRetryAfter(retryAfter, nowMs) ?? backoffDelay(retry, random);
}
