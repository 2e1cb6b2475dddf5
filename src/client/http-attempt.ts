import type { Dispatcher } from 'undici';
import type { TransportResponse } from './transport.js';
import type { AttemptDispatcher } from './http-node.js';

/** A response of the HTTP transport; `url` lets error messages name what was called. */
export interface HttpTransportResponse extends TransportResponse {
  url: string;
}

/** Marks an attempt our own timer ended, so it reads as a timeout and not as an abort. */
export class AttemptTimeout extends Error {
  readonly code = 'ATTEMPT_TIMEOUT';
}

/**
 * Collects one answer as it arrives, through undici's dispatch handler API, and settles
 * the attempt once: with the response, with the error, or with AttemptTimeout when the
 * attempt's time limit ends first (aborting the request if it has started).
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private controller: { abort(reason: Error): void } | undefined;
  private settled = false;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    timeoutMs: number,
    private readonly resolve: (res: HttpTransportResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.timer = setTimeout(() => this.timeUp(), timeoutMs);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new AttemptTimeout());
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.settle(undefined, { status: this.status, headers: this.headers, body, url: this.url });
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    this.settle(error);
  }

  private timeUp(): void {
    this.settle(new AttemptTimeout());
    this.controller?.abort(new AttemptTimeout());
  }

  private settle(error: unknown, res?: HttpTransportResponse): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    if (res) this.resolve(res);
    else this.reject(error);
  }
}

/**
 * One attempt through undici's dispatch API (undici's Pool, or node:http behind the same
 * handler API: http-node.ts): the answer is collected as it arrives,
 * without the stream, AbortSignal and listeners `request()` builds per call (a bulk run
 * makes one request per line). The attempt's time limit rejects at once, even while the
 * request still waits in the pool's queue; the request is aborted when it has started.
 */
export function dispatchAttempt(
  dispatcher: AttemptDispatcher,
  request: Dispatcher.DispatchOptions,
  url: string,
  timeoutMs: number,
): Promise<HttpTransportResponse> {
  return new Promise<HttpTransportResponse>((resolve, reject) => {
    dispatcher.dispatch(request, new ResponseCollector(url, timeoutMs, resolve, reject));
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
