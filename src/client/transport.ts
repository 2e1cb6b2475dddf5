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
}

/** Carries requests to an API: over HTTP (undici) or in-process (the embedded engine). */
export interface Transport {
  readonly kind: 'http' | 'embedded';
  request(req: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}
