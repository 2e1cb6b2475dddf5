/** One HTTP-shaped request, whichever transport carries it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path with its query string already encoded, e.g. `/customers?limit=20`. */
  path: string;
  /** Exact JSON text of the body, if any. */
  body?: string;
  headers?: Record<string, string>;
  /** True when repeating the request cannot apply it twice (GETs, POSTs with an idempotency key). */
  retryable?: boolean;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * A 2xx `POST /events` answer's events, from a transport that holds them already read
   * (the in-process one): what the body says of them, in order. A bulk run reads them here
   * instead of writing a thousand events' JSON and scanning it back; `body` is the same
   * answer as text, written only when read.
   */
  events?: AnsweredEvents;
}

/** What a `POST /events` answer says of its events, in order: ids, statuses, each one's fees as JSON text. */
export interface AnsweredEvents {
  ids: string[];
  statuses: string[];
  fees: string[];
}

/** Carries requests to an API: over HTTP (node:http, or undici for a bulk run) or in-process (the embedded engine). */
export interface Transport {
  readonly kind: 'http' | 'embedded';
  request(req: TransportRequest): Promise<TransportResponse>;
  /**
   * Told before a bulk run's first request (a `--file` run: many requests, several at
   * once): the HTTP transport then sends every one through undici's pool. Absent, or a
   * no-op, where it makes no difference (the embedded transport).
   */
  expectMany?(): void;
  close(): Promise<void>;
}
