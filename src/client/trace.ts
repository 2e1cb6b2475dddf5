import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import type { AttemptInfo } from './http-transport.js';
import { redactSecrets } from '../config/mask-key.js';
import type { TextSink } from '../io/streams.js';

/** Longest body a trace prints; the rest is summarised by its length. */
const MAX_BODY = 4000;

/** Headers worth a line in a trace; every other header is noise for an operator. */
const SHOWN_HEADERS = ['content-type', 'x-credyt-api-key', 'x-credyt-account', 'idempotency-key', 'retry-after', 'location'];

export interface TraceOptions {
  sink: TextSink;
  /** Secrets of this run (the API key), masked wherever they appear. */
  secrets: readonly (string | undefined)[];
  /** Clock for timings; injected by tests. */
  now?: () => number;
}

/**
 * `--debug`: wraps any transport (HTTP or embedded) and writes each request and response
 * to stderr — method, URL, status, time, the interesting headers and both bodies — with
 * the API key and anything that looks like a secret masked. Retry attempts of the HTTP
 * transport are reported through `attemptTracer`.
 */
export function traceTransport(inner: Transport, options: TraceOptions): Transport {
  const now = options.now ?? (() => performance.now());
  const write = (line: string) => options.sink.write(redactSecrets(line, options.secrets) + '\n');
  const where = (path: string) => ('baseUrl' in inner && typeof inner.baseUrl === 'string' ? inner.baseUrl + path : `embedded:${path}`);
  return {
    kind: inner.kind,
    ...('baseUrl' in inner ? { baseUrl: (inner as { baseUrl: string }).baseUrl } : {}),
    async request(req: TransportRequest): Promise<TransportResponse> {
      write(`[debug] > ${req.method} ${where(req.path)}`);
      for (const line of headerLines(req.headers ?? {})) write(`[debug] > ${line}`);
      if (req.body !== undefined) write(`[debug] > ${bodyText(req.body)}`);
      const started = now();
      let res: TransportResponse;
      try {
        res = await inner.request(req);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        write(`[debug] ! ${req.method} ${where(req.path)} failed after ${Math.round(now() - started)} ms: ${why}`);
        throw error;
      }
      write(`[debug] < ${res.status} ${req.method} ${where(req.path)} in ${Math.round(now() - started)} ms`);
      for (const line of headerLines(res.headers)) write(`[debug] < ${line}`);
      if (res.body !== '') write(`[debug] < ${bodyText(res.body)}`);
      return res;
    },
    expectMany: () => inner.expectMany?.(),
    close: () => inner.close(),
  } as Transport;
}

/** One line per attempt of the HTTP transport: how it went and whether it is retried. */
export function attemptTracer(options: TraceOptions): (info: AttemptInfo) => void {
  return (info) => {
    const outcome = info.status !== undefined ? String(info.status) : `error ${info.error ?? ''}`;
    const retry = info.retryInMs !== undefined ? `, retrying in ${info.retryInMs} ms` : '';
    const line = `[debug]   attempt ${info.attempt}: ${info.method} ${info.url} → ${outcome} in ${Math.round(info.ms)} ms${retry}`;
    options.sink.write(redactSecrets(line, options.secrets) + '\n');
  };
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => SHOWN_HEADERS.includes(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}: ${value}`);
}

function bodyText(body: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = body.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/\s*\n\s*/g, ' ');
  return flat.length > MAX_BODY ? `${flat.slice(0, MAX_BODY)}… (${body.length} characters)` : flat;
}
