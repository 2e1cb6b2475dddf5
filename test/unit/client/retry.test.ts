import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  errorCode,
  isRetryableStatus,
  isTransientError,
  parseRetryAfter,
  retryDelay,
} from '../../../src/client/retry.js';

describe('retry policy', () => {
  it('retries 429 and 500/502/503/504 only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 404, 409, 422, 501, 505].some(isRetryableStatus)).toBe(false);
  });

  it('draws full jitter under an exponential ceiling capped at 8 s', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(249);
    expect(backoffDelay(2, () => 0.999)).toBe(499);
    expect(backoffDelay(3, () => 0.5)).toBe(500);
    expect(backoffDelay(10, () => 0.999)).toBe(7992);
    expect(backoffDelay(40, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at 60 s', () => {
    const now = Date.parse('2026-02-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('86400', now)).toBe(60_000);
    expect(parseRetryAfter('Sun, 01 Feb 2026 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 01 Feb 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('prefers the server’s Retry-After to backoff', () => {
    expect(retryDelay(1, '2', () => 0.5)).toBe(2000);
    expect(retryDelay(1, undefined, () => 0.5)).toBe(125);
    expect(retryDelay(2, 'garbage', () => 0.5)).toBe(250);
  });

  it('finds the telling code in wrapped and aggregate errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorCode(new AggregateError([refused, refused]))).toBe('ECONNREFUSED');
    const socket = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    });
    expect(errorCode(socket)).toBe('ECONNRESET');
    expect(errorCode(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe('UND_ERR_SOCKET');
    expect(errorCode(new Error('plain'))).toBeUndefined();
  });

  it('treats resets, refusals and timeouts as transient, not DNS or TLS failures', () => {
    const e = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'ATTEMPT_TIMEOUT']) {
      expect(isTransientError(e(code)), code).toBe(true);
    }
    for (const code of ['ENOTFOUND', 'CERT_HAS_EXPIRED', 'UND_ERR_INVALID_ARG']) {
      expect(isTransientError(e(code)), code).toBe(false);
    }
    expect(isTransientError(new Error('bug'))).toBe(false);
  });
});
