import { setTimeout as delay } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import type { Dispatcher } from 'undici';
import { NetworkError } from '../errors.js';
import { assertSafeBaseUrl, displayBaseUrl, isLoopbackHost, trimmedPath } from '../config/base-url.js';
import { errorCode, isRetryableStatus, isTransientError, retryDelay } from './retry.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

export { assertSafeBaseUrl, isLoopbackHost, isLoopbackUrl } from '../config/base-url.js';

/** What the trace hook learns about each attempt (never headers: they carry the key). */
export interface AttemptInfo {
  method: string;
  url: string;
  /** 1 for the first try. */
  attempt: number;
  /** Time the attempt took, headers and body. */
  ms: number;
  status?: number;
  /** Error code or message when the attempt failed without a response. */
  error?: string;
  /** Set when another attempt follows after this wait. */
  retryInMs?: number;
}

export interface HttpTransportOptions {
  /** Base URL, possibly with a path prefix: `https://api.credyt.ai`, `http://127.0.0.1:8787/v1`. */
  baseUrl: string;
  /** Limit per attempt, from sending to the last byte of the body. Default 30 s. */
  timeoutMs?: number;
  /** Further attempts after the first, for retryable requests only. Default 3. */
  maxRetries?: number;
  /** Whether requests will carry an API key: then plain http is refused unless to loopback. */
  hasApiKey?: boolean;
  /** Replaces the keep-alive pool, e.g. with undici's MockAgent in tests. Not closed by close(). */
  dispatcher?: Dispatcher;
  /** Injected for tests; waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; the jitter source, in [0, 1). */
  random?: () => number;
  /** Called after every attempt (for `--debug` traces). */
  onAttempt?: (info: AttemptInfo) => void;
}

/** A response of the HTTP transport; `url` lets error messages name what was called. */
export interface HttpTransportResponse extends TransportResponse {
  url: string;
}

/**
 * undici parses responses with llhttp, compiled to WebAssembly. V8 recompiles hot wasm
 * with its optimising compiler in the background, and an exiting process waits for those
 * jobs: about 150 ms at the end of every short command. The baseline compiler's code
 * parses a CLI's responses fast enough, so wasm compiled from here on stays on it.
 */
function keepWasmOnBaseline(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

/**
 * Requests in flight on one connection to a loopback server (`credyt local serve`): a
 * bulk run's answers then arrive several to a read, and its requests leave several to a
 * write, on both sides. Only idempotent requests are pipelined; remote servers and the
 * proxies before them are not trusted with pipelining, so they get one request at a time
 * per connection, as before.
 */
const LOOPBACK_PIPELINING = 10;

/** Transport over HTTP(S) with undici. */
export interface HttpTransport extends Transport {
  readonly kind: 'http';
  /** The base URL as given, normalised (no trailing slash). */
  readonly baseUrl: string;
  request(req: TransportRequest): Promise<HttpTransportResponse>;
}

/** Marks an attempt our own timer ended, so it reads as a timeout and not as an abort. */
class AttemptTimeout extends Error {
  readonly code = 'ATTEMPT_TIMEOUT';
}

/**
 * Creates the HTTP transport: one keep-alive undici Pool for the base URL's origin
 * (created on first use, so building a client costs nothing), a time limit per attempt,
 * and retries with backoff for requests marked `retryable`.
 *
 * After the last attempt a 429 or 5xx response is returned as is (the client maps it to
 * exit 6 or 7); a connection failure or timeout throws NetworkError (exit 8).
 *
 * @throws ConfigError (exit 2) for an invalid base URL or one that must not carry a key
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = assertSafeBaseUrl(options.baseUrl, options.hasApiKey ?? false);
  const keySafe = safeForKey(base);
  const origin = base.origin;
  const prefix = trimmedPath(base);
  const baseText = displayBaseUrl(base);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = Math.max(0, options.maxRetries ?? 3);
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const random = options.random ?? Math.random;
  let pool: Dispatcher | undefined;
  const pipelined = isLoopbackHost(base.hostname) && options.dispatcher === undefined;

  async function dispatcher(): Promise<Dispatcher> {
    if (options.dispatcher) return options.dispatcher;
    if (!pool) {
      // Loaded on demand: the embedded profile never pays for undici at startup.
      keepWasmOnBaseline();
      const { Pool } = await import('undici');
      // Pipelined requests on plain loopback TCP leave several to a write (see the connector).
      const connect = pipelined && base.protocol === 'http:' ? (await import('./loopback-connector.js')).coalescingConnector(timeoutMs) : { timeout: timeoutMs };
      pool = new Pool(origin, {
        keepAliveTimeout: 10_000,
        connect,
        pipelining: pipelined ? LOOPBACK_PIPELINING : 1,
      });
    }
    return pool;
  }

  /**
   * One attempt through undici's dispatch API: the answer is collected as it arrives,
   * without the stream, AbortSignal and listeners `request()` builds per call (a bulk run
   * makes one request per line). The attempt's time limit rejects at once, even while the
   * request still waits in the pool's queue; the request is aborted when it has started.
   */
  async function attempt(req: TransportRequest, url: string): Promise<HttpTransportResponse> {
    // Outside the timer: loading undici the first time is not the server's slowness.
    const d = pool ?? (await dispatcher());
    // A retryable request is idempotent: on loopback it may follow others on a connection.
    const pipelineable = pipelined && req.retryable === true;
    return new Promise<HttpTransportResponse>((resolve, reject) => {
      let controller: { abort(reason: Error): void } | undefined;
      let settled = false;
      let status = 0;
      let headers: Record<string, string> = {};
      const chunks: Buffer[] = [];
      const settle = (error: unknown, res?: HttpTransportResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (res) resolve(res);
        else reject(error);
      };
      const timer = setTimeout(() => {
        settle(new AttemptTimeout());
        controller?.abort(new AttemptTimeout());
      }, timeoutMs);
      d.dispatch(
        {
          origin,
          path: prefix + req.path,
          method: req.method,
          headers: req.headers ?? {},
          body: req.body ?? null,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          ...(pipelineable ? { idempotent: true, blocking: false } : {}),
        },
        {
          onRequestStart(c) {
            controller = c;
            if (settled) c.abort(new AttemptTimeout());
          },
          onResponseStart(_c, statusCode, responseHeaders) {
            status = statusCode;
            headers = flattenHeaders(responseHeaders);
          },
          onResponseData(_c, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
            settle(undefined, { status, headers, body, url });
          },
          onResponseError(_c, error) {
            settle(error);
          },
        },
      );
    });
  }

  async function request(req: TransportRequest): Promise<HttpTransportResponse> {
    const url = baseText + req.path;
    if (!keySafe && hasKeyHeader(req.headers)) {
      // Defence in depth: the client may have been given a key after this transport was built.
      assertSafeBaseUrl(options.baseUrl, true);
    }
    const attempts = req.retryable ? maxRetries + 1 : 1;
    for (let n = 1; ; n++) {
      const started = performance.now();
      let res: HttpTransportResponse;
      try {
        res = await attempt(req, url);
      } catch (error) {
        const ms = Math.round(performance.now() - started);
        const again = n < attempts && isTransientError(error);
        const wait = again ? retryDelay(n, undefined, random) : undefined;
        const code = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
        options.onAttempt?.({ method: req.method, url, attempt: n, ms, error: code, retryInMs: wait });
        if (wait === undefined) throw networkError(error, req, url, baseText, timeoutMs, n);
        await sleep(wait);
        continue;
      }
      const ms = Math.round(performance.now() - started);
      const again = n < attempts && isRetryableStatus(res.status);
      const wait = again ? retryDelay(n, res.headers['retry-after'], random) : undefined;
      options.onAttempt?.({ method: req.method, url, attempt: n, ms, status: res.status, retryInMs: wait });
      if (wait === undefined) return res;
      await sleep(wait);
    }
  }

  return {
    kind: 'http',
    baseUrl: baseText,
    request,
    async close() {
      const p = pool;
      pool = undefined;
      await p?.close();
    },
  };
}

function safeForKey(base: URL): boolean {
  try {
    assertSafeBaseUrl(base.href, true);
    return true;
  } catch {
    return false;
  }
}

function hasKeyHeader(headers: Record<string, string> | undefined): boolean {
  return Object.keys(headers ?? {}).some((h) => h.toLowerCase() === 'x-credyt-api-key');
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Turns a failed attempt into one line that names the URL and what went wrong. Errors
 * without a network error code (an invalid header, a bug) are returned unchanged.
 */
function networkError(
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
