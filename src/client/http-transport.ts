import type { Dispatcher } from 'undici';
import { assertSafeBaseUrl, displayBaseUrl, isLoopbackHost, trimmedPath } from '../config/base-url.js';
import { errorCode, isRetryableStatus, isTransientError, retryDelay } from './retry.js';
import { dispatchAttempt, type HttpTransportResponse } from './http-attempt.js';
import { nodeHttpDispatcher, type AttemptDispatcher, type NodeHttpDispatcher } from './http-node.js';
import { networkError } from './http-network-error.js';
import type { Transport, TransportRequest } from './transport.js';

export { assertSafeBaseUrl, isLoopbackHost, isLoopbackUrl } from '../config/base-url.js';
export type { HttpTransportResponse } from './http-attempt.js';

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
  /**
   * Replaces node:http and the keep-alive pool for every request, e.g. with undici's
   * MockAgent in tests. Not closed by close().
   */
  dispatcher?: Dispatcher;
  /**
   * A bulk run from the first request, as if `expectMany()` had been called: every
   * attempt through undici's pool. Tests run both paths with it.
   */
  bulk?: boolean;
  /** Injected for tests; waits between attempts. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; the jitter source, in [0, 1). */
  random?: () => number;
  /** Called after every attempt (for `--debug` traces). */
  onAttempt?: (info: AttemptInfo) => void;
}

/**
 * undici parses responses with llhttp, compiled to WebAssembly. V8 recompiles hot wasm
 * with its optimising compiler in the background, and an exiting process waits for those
 * jobs: about 150 ms at the end of every short command. The baseline compiler's code
 * parses a CLI's responses fast enough, so wasm compiled from here on stays on it.
 */
function keepWasmOnBaseline(): void {
  // Taken here, not imported: node:v8 loads three more modules, which a run without undici
  // (every embedded command imports this file) has no use for.
  const { setFlagsFromString } = process.getBuiltinModule('node:v8');
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}

/**
 * Requests in flight on one connection to a loopback server (`credyt local serve`): a
 * bulk run's answers then arrive several to a read, and its requests leave several to a
 * write, on both sides. Only idempotent requests are pipelined; remote servers and the
 * proxies before them are not trusted with pipelining, so they get one request at a time
 * per connection.
 */
const LOOPBACK_PIPELINING = 10;

/*
 * Which client carries an attempt: a one-shot command's requests (a lookup, a page of a
 * list, every page of `--all`) go over node:http, a built-in that costs nothing to load
 * and keeps its connections alive; a bulk run, many requests several at once, says so
 * with `expectMany()` before its first request, and from then on every attempt goes
 * through undici's pool, pipelined on loopback. An injected dispatcher carries them all.
 */

/** Transport over HTTP(S): node:http for one-shot commands, undici for bulk runs. */
export interface HttpTransport extends Transport {
  readonly kind: 'http';
  /** The base URL as given, normalised (no trailing slash). */
  readonly baseUrl: string;
  request(req: TransportRequest): Promise<HttpTransportResponse>;
  /** A bulk run follows: every attempt from now on goes through undici's pool. */
  expectMany(): void;
}

/** What one transport holds: its settings, and its pool once the first request needs it. */
interface Link {
  readonly options: HttpTransportOptions;
  readonly base: URL;
  /** The base URL as shown in messages and traces. */
  readonly baseText: string;
  /** The base URL's path, put before every request's path. */
  readonly prefix: string;
  /** Whether the base URL may carry a key (checked again when a request has one). */
  readonly keySafe: boolean;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Our own pool to a loopback server: idempotent requests may share a connection. */
  readonly pipelined: boolean;
  /** Told a bulk run follows (`expectMany()`, or the `bulk` option): the pool from now on. */
  bulk: boolean;
  /** node:http, for a one-shot command's attempts; created at the first. */
  direct: NodeHttpDispatcher | undefined;
  /** undici's pool, for a bulk run's attempts; created (and undici loaded) at the first. */
  pool: Dispatcher | undefined;
}

/**
 * Creates the HTTP transport: node:http for a one-shot command's requests, one keep-alive
 * undici Pool for the base URL's origin once told a bulk run follows (`expectMany()`;
 * each created on first use, so building a client costs nothing), a time limit per attempt, and retries
 * with backoff for requests marked `retryable`.
 *
 * After the last attempt a 429 or 5xx response is returned as is (the client maps it to
 * exit 6 or 7); a connection failure or timeout throws NetworkError (exit 8).
 *
 * @throws ConfigError (exit 2) for an invalid base URL or one that must not carry a key
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = assertSafeBaseUrl(options.baseUrl, options.hasApiKey ?? false);
  const link: Link = {
    options,
    base,
    baseText: displayBaseUrl(base),
    prefix: trimmedPath(base),
    keySafe: safeForKey(base),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: Math.max(0, options.maxRetries ?? 3),
    // The global timer: node:timers/promises would be one more module for every run.
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    pipelined: isLoopbackHost(base.hostname) && options.dispatcher === undefined,
    bulk: options.bulk ?? false,
    direct: undefined,
    pool: undefined,
  };
  return {
    kind: 'http',
    baseUrl: link.baseText,
    request: (req) => requestWithRetries(link, req),
    expectMany: () => {
      link.bulk = true;
    },
    close: () => closeLink(link),
  };
}

/** node:http unless a bulk run was announced or a dispatcher injected (then that, or the pool). */
function directFor(link: Link): AttemptDispatcher | undefined {
  if (link.bulk || link.options.dispatcher) return undefined;
  link.direct ??= nodeHttpDispatcher(link.base);
  return link.direct;
}

/** The injected dispatcher, or our pool, created (and undici loaded) on first use. */
async function dispatcherOf(link: Link): Promise<Dispatcher> {
  if (link.options.dispatcher) return link.options.dispatcher;
  if (!link.pool) {
    // Loaded on demand: the embedded profile never pays for undici at startup.
    keepWasmOnBaseline();
    const { Pool } = await import('undici');
    const { base, pipelined, timeoutMs } = link;
    // Pipelined requests on plain loopback TCP leave several to a write (see the connector).
    const connect = pipelined && base.protocol === 'http:' ? (await import('./loopback-connector.js')).coalescingConnector(timeoutMs) : { timeout: timeoutMs };
    link.pool = new Pool(base.origin, {
      keepAliveTimeout: 10_000,
      connect,
      pipelining: pipelined ? LOOPBACK_PIPELINING : 1,
    });
  }
  return link.pool;
}

async function closeLink(link: Link): Promise<void> {
  const { pool, direct } = link;
  link.pool = undefined;
  link.direct = undefined;
  await Promise.all([pool?.close(), direct?.close()]);
}

async function attempt(link: Link, req: TransportRequest, url: string): Promise<HttpTransportResponse> {
  // Outside the timer: loading undici the first time is not the server's slowness.
  const dispatcher = directFor(link) ?? link.pool ?? (await dispatcherOf(link));
  // A retryable request is idempotent: on loopback it may follow others on a connection.
  const pipelineable = link.pipelined && req.retryable === true;
  const { timeoutMs } = link;
  return dispatchAttempt(
    dispatcher,
    {
      origin: link.base.origin,
      path: link.prefix + req.path,
      method: req.method,
      headers: req.headers ?? {},
      body: req.body ?? null,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(pipelineable ? { idempotent: true, blocking: false } : {}),
    },
    url,
    timeoutMs,
  );
}

/**
 * Whole milliseconds since a `process.hrtime.bigint()`. Not `performance.now()`: the
 * first read of the `performance` global loads node:perf_hooks and ten modules with it,
 * a cost every HTTP command paid at its first request.
 */
function msSince(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e6);
}

/** Attempts a request until it is answered, it fails for good, or its retries run out. */
async function requestWithRetries(link: Link, req: TransportRequest): Promise<HttpTransportResponse> {
  const { options, baseText, random } = link;
  const url = baseText + req.path;
  if (!link.keySafe && hasKeyHeader(req.headers)) {
    // Defence in depth: the client may have been given a key after this transport was built.
    assertSafeBaseUrl(options.baseUrl, true);
  }
  const attempts = req.retryable ? link.maxRetries + 1 : 1;
  for (let n = 1; ; n++) {
    const started = process.hrtime.bigint();
    let res: HttpTransportResponse;
    try {
      res = await attempt(link, req, url);
    } catch (error) {
      const ms = msSince(started);
      const again = n < attempts && isTransientError(error);
      const wait = again ? retryDelay(n, undefined, random) : undefined;
      const code = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
      options.onAttempt?.({ method: req.method, url, attempt: n, ms, error: code, retryInMs: wait });
      if (wait === undefined) throw networkError(error, req, url, baseText, link.timeoutMs, n);
      await link.sleep(wait);
      continue;
    }
    const ms = msSince(started);
    const again = n < attempts && isRetryableStatus(res.status);
    const wait = again ? retryDelay(n, res.headers['retry-after'], random) : undefined;
    options.onAttempt?.({ method: req.method, url, attempt: n, ms, status: res.status, retryInMs: wait });
    if (wait === undefined) return res;
    await link.sleep(wait);
  }
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
