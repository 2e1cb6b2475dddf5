import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http';
import type { Dispatcher } from 'undici';

/** What an attempt asks of a dispatcher: undici's Pool or MockAgent, or the node:http one below. */
export type AttemptDispatcher = Pick<Dispatcher, 'dispatch'>;

/** A dispatcher on Node's own HTTP client, closed with the transport. */
export interface NodeHttpDispatcher extends AttemptDispatcher {
  close(): Promise<void>;
}

/** Methods whose request carries a body even when it is empty (as undici sends them). */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Carries attempts over node:http (node:https for an https base URL) through undici's
 * dispatch handler API, so the one response collector, its time limit and the error
 * mapping serve both clients. Node's client is a built-in: its code is in the binary's
 * code cache and its parser is native, where loading undici costs a few hundred KB of
 * JavaScript and a WebAssembly compile of llhttp (docs/decisions.md, "Short runs over
 * node:http"). One keep-alive agent per transport; its idle sockets do not hold the
 * process open. The module is loaded at the first request: the embedded profile never
 * pays for it.
 */
export function nodeHttpDispatcher(base: URL): NodeHttpDispatcher {
  const secure = base.protocol === 'https:';
  // Brackets belong to the URL's form of an IPv6 address, not to the address.
  const host = base.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = base.port === '' ? undefined : Number(base.port);
  let agent: Agent | undefined;
  return {
    dispatch(options, handler) {
      // node:https is node:http's API over TLS; its module type is the same shape.
      const http = process.getBuiltinModule(secure ? 'node:https' : 'node:http') as typeof import('node:http');
      agent ??= new http.Agent({ keepAlive: true });
      send(http, { host, port, agent }, options, handler);
      return true;
    },
    async close() {
      agent?.destroy();
      agent = undefined;
    },
  };
}

function send(
  http: typeof import('node:http'),
  target: RequestOptions,
  options: Dispatcher.DispatchOptions,
  handler: Dispatcher.DispatchHandler,
): void {
  const controller = new RequestController();
  let done = false;
  const fail = (error: Error) => {
    if (done) return;
    done = true;
    handler.onResponseError?.(controller, asUndiciReports(error));
  };
  const body = typeof options.body === 'string' ? options.body : undefined;
  const headers: Record<string, string | number> = { ...(options.headers as Record<string, string> | null | undefined) };
  if (body !== undefined || BODY_METHODS.has(options.method)) headers['content-length'] = body === undefined ? 0 : Buffer.byteLength(body);
  let req: ClientRequest;
  try {
    req = http.request({ ...target, method: options.method, path: options.path, headers });
  } catch (error) {
    // An invalid header or path: nothing was sent, as with undici's own argument checks.
    fail(error as Error);
    return;
  }
  controller.request = req;
  req.on('error', fail);
  req.on('response', (res: IncomingMessage) => {
    res.on('error', fail);
    if (done) return;
    handler.onResponseStart?.(controller, res.statusCode ?? 0, headersOf(res.rawHeaders), res.statusMessage);
    res.on('data', (chunk: Buffer) => {
      if (!done) handler.onResponseData?.(controller, chunk);
    });
    res.on('end', () => {
      if (done) return;
      done = true;
      handler.onResponseEnd?.(controller, {});
    });
  });
  handler.onRequestStart?.(controller, {});
  if (controller.aborted) return;
  req.end(body);
}

/** Closed by the other side, as undici names it (its SocketError, `other side closed`). */
class SocketClosed extends Error {
  readonly code = 'UND_ERR_SOCKET';
}

/**
 * A failure under the code undici gives the same event, so that a message names it alike
 * whichever client carried the attempt (the codes are what an operator searches for):
 * - a connection closed cleanly before the answer was whole: node:http says ECONNRESET
 *   ("socket hang up", "aborted") without the `read` system call a real reset has; undici
 *   says UND_ERR_SOCKET;
 * - an OpenSSL failure that surfaced through a write (https to a plain-http port): node:http
 *   says EPROTO, undici names the OpenSSL reason as Node's TLS socket does
 *   (ERR_SSL_WRONG_VERSION_NUMBER).
 */
function asUndiciReports(error: Error): Error {
  const { code, syscall } = error as NodeJS.ErrnoException;
  // No `cause`: errorCode() would find node's ECONNRESET in it and prefer it.
  if (code === 'ECONNRESET' && syscall === undefined) return new SocketClosed('other side closed');
  const reason = code === 'EPROTO' ? /SSL routines:[^:]*:([^:]+):/.exec(error.message)?.[1] : undefined;
  if (reason !== undefined) return Object.assign(new Error(error.message), { code: `ERR_SSL_${reason.toUpperCase().replace(/ /g, '_')}` });
  return error;
}

/** Response headers as undici hands them over: names in lower case, a repeated one as a list. */
function headersOf(raw: string[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const seen = headers[name];
    headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return headers;
}

/** The handle undici's handler API gives a handler: here it can abort the request, nothing more. */
class RequestController implements Dispatcher.DispatchController {
  request: ClientRequest | undefined;
  private abortedWith: Error | null = null;

  get aborted(): boolean {
    return this.abortedWith !== null;
  }

  get paused(): boolean {
    return false;
  }

  get reason(): Error | null {
    return this.abortedWith;
  }

  abort(reason: Error): void {
    if (this.abortedWith) return;
    this.abortedWith = reason;
    this.request?.destroy(reason);
  }

  pause(): void {
    // A CLI's answers are small and read whole: there is no consumer to slow down for.
  }

  resume(): void {}
}
