import { connect as netConnect, type Socket } from 'node:net';

/**
 * Pipelined HTTP/1.1 to a server on this machine (`credyt local serve`), for idempotent
 * requests only: the path a bulk run takes, one request per line.
 *
 * undici costs a bulk top-up about half of the client's CPU per line (its request object
 * and header checks, its parser in WebAssembly and the calls across, a socket write per
 * request). Here a request is one string, the requests made in one turn of the event loop
 * leave in one write, and an answer is read straight from the bytes received. Anything
 * odd (a broken or closed connection, an answer nobody asked for, a malformed head) fails
 * every request still waiting on that connection with a transient error, so the
 * transport's retries send them again, with the same ids.
 */

/** What the transport needs of an answer; `headers` have lower-case names, repeats joined by ", ". */
export type Http1Callback = (error: Error | undefined, status: number, headers: Record<string, string>, body: string) => void;

/** The connection broke or closed with requests on it: reads like undici's, so the retry policy treats it alike. */
class SocketClosed extends Error {
  readonly code = 'UND_ERR_SOCKET';
}
class ConnectTimeout extends Error {
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
}
class InvalidHeader extends Error {
  readonly code = 'UND_ERR_INVALID_ARG';
}

/** A header value undici would refuse too (control characters; CR LF would split the head). */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const BAD_NAME = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const NOT_ASCII = /[^\x00-\x7f]/;
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;

const enum Body {
  None,
  Length,
  Chunked,
  UntilClose,
}
const enum Chunk {
  Size,
  Data,
  DataEnd,
  Trailer,
}

interface Waiting {
  done: Http1Callback;
  /** HEAD-like answers carry no body; 204 and 304 neither. */
  method: string;
  /** The request as written (its head apart when it has latin1 bytes): sent again if its connection closes in order. */
  text: string;
  head?: string;
  /** Where it was sent last. */
  connection?: Connection;
}

export interface LoopbackHttp1Options {
  /** `URL.hostname` (brackets of an IPv6 address are taken off here). */
  hostname: string;
  port: number;
  /** The Host header: `URL.host`. */
  host: string;
  /** Requests on one connection before another is opened. */
  depth: number;
  connectTimeoutMs: number;
  /** An idle connection is closed after this long. */
  idleMs: number;
}

class Connection {
  readonly socket: Socket;
  readonly waiting: Waiting[] = [];
  closed = false;
  private out = '';
  private flushing = false;
  private idleTimer?: NodeJS.Timeout;
  // The answer being read.
  private buf?: Buffer;
  private mode = Body.None;
  private inHead = true;
  private status = 0;
  private headers: Record<string, string> = {};
  private remaining = 0;
  private chunkState = Chunk.Size;
  private parts: Buffer[] = [];
  private keepAlive = true;

  constructor(
    private readonly pool: LoopbackHttp1,
    options: LoopbackHttp1Options,
  ) {
    const host = options.hostname.startsWith('[') ? options.hostname.slice(1, -1) : options.hostname;
    const socket = (this.socket = netConnect({ host, port: options.port }));
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    const timer = setTimeout(() => this.fail(new ConnectTimeout(`Connect Timeout Error (attempted address: ${options.hostname}:${options.port}, timeout: ${options.connectTimeoutMs}ms)`)), options.connectTimeoutMs);
    socket.once('connect', () => clearTimeout(timer));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      this.fail(error);
    });
    socket.on('end', () => this.onEnd());
    socket.on('close', () => {
      clearTimeout(timer);
      this.onEnd();
    });
  }

  send(waiting: Waiting): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      this.socket.ref();
    }
    waiting.connection = this;
    this.waiting.push(waiting);
    if (waiting.head !== undefined) {
      // A head with latin1 bytes (a header value undici would send as is) goes on its own.
      this.flush();
      this.socket.write(waiting.head, 'latin1');
    }
    this.out += waiting.text;
    if (!this.flushing) {
      this.flushing = true;
      process.nextTick(() => this.flush());
    }
  }

  private flush(): void {
    this.flushing = false;
    if (this.out === '' || this.closed) return;
    const text = this.out;
    this.out = '';
    this.socket.write(text);
  }

  /** Every request still on this connection fails with `error` (or a SocketClosed), and it is closed. */
  fail(error?: Error): void {
    for (const w of this.close()) w.done(error ?? new SocketClosed('other side closed'), 0, {}, '');
  }

  /** Closes the connection; answers the requests that were still waiting on it. */
  private close(): Waiting[] {
    if (this.closed) return [];
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.pool.forget(this);
    this.socket.destroy();
    return this.waiting.splice(0);
  }

  private onEnd(): void {
    // An answer without a length ends with the connection (and, like `connection: close`,
    // leaves the requests after it unread: they go out again).
    if (!this.inHead && this.mode === Body.UntilClose) {
      this.keepAlive = false;
      this.complete();
    }
    this.fail();
  }

  private onData(chunk: Buffer): void {
    let buf = this.buf === undefined ? chunk : Buffer.concat([this.buf, chunk]);
    let at = 0;
    try {
      while (at < buf.length && !this.closed) {
        if (this.inHead) {
          const end = buf.indexOf(HEAD_END, at);
          if (end < 0) {
            if (buf.length - at > MAX_HEAD) throw new SocketClosed('answer head too large');
            break;
          }
          const bodyless = this.readHead(buf.toString('latin1', at, end));
          at = end + 4;
          if (this.status < 200) continue; // 100 Continue and the like: the answer follows
          this.inHead = false;
          if (bodyless) this.complete();
          continue;
        }
        if (this.mode === Body.Length) {
          const have = buf.length - at;
          if (have < this.remaining) {
            this.parts.push(buf.subarray(at));
            this.remaining -= have;
            at = buf.length;
            break;
          }
          this.parts.push(buf.subarray(at, at + this.remaining));
          at += this.remaining;
          this.complete();
          continue;
        }
        if (this.mode === Body.UntilClose) {
          this.parts.push(buf.subarray(at));
          at = buf.length;
          break;
        }
        const next = this.readChunked(buf, at);
        if (next < 0) break;
        at = next;
      }
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (at >= buf.length) this.buf = undefined;
    else {
      // Keep the unread tail alone, not the whole read it came in.
      buf = buf.subarray(at);
      this.buf = buf;
    }
  }

  /** Parses a head; answers whether the answer has no body. */
  private readHead(head: string): boolean {
    const firstEnd = head.indexOf('\r\n');
    const first = firstEnd < 0 ? head : head.slice(0, firstEnd);
    const statusLine = /^HTTP\/1\.([01]) (\d{3})/.exec(first);
    if (!statusLine) throw new SocketClosed(`not an HTTP/1 answer: ${first.slice(0, 40)}`);
    const waiting = this.waiting[0];
    if (!waiting) throw new SocketClosed('an answer to no request');
    this.status = Number(statusLine[2]);
    const headers: Record<string, string> = {};
    // Header lines read in place (no array of lines): one head an answer, one answer a line.
    for (let at = firstEnd < 0 ? head.length : firstEnd + 2; at < head.length; ) {
      let end = head.indexOf('\r\n', at);
      if (end < 0) end = head.length;
      const colon = head.indexOf(':', at);
      if (colon <= at || colon > end) throw new SocketClosed('malformed answer header');
      const name = head.slice(at, colon).trim().toLowerCase();
      const value = head.slice(colon + 1, end).trim();
      const seen = headers[name];
      headers[name] = seen === undefined ? value : `${seen}, ${value}`;
      at = end + 2;
    }
    this.headers = headers;
    if (this.status < 200) {
      if (this.status === 101) throw new SocketClosed('the server switched protocols');
      return false;
    }
    const connection = headers.connection?.toLowerCase();
    this.keepAlive = statusLine[1] === '1' ? connection !== 'close' : connection === 'keep-alive';
    this.parts = [];
    if (this.status === 204 || this.status === 304 || waiting.method === 'HEAD') {
      this.mode = Body.None;
      return true;
    }
    const te = headers['transfer-encoding'];
    if (te !== undefined && /(^|,)\s*chunked\s*$/i.test(te)) {
      this.mode = Body.Chunked;
      this.chunkState = Chunk.Size;
      return false;
    }
    const length = headers['content-length'];
    if (length !== undefined) {
      if (!/^\d+$/.test(length)) throw new SocketClosed(`bad content-length ${length}`);
      this.remaining = Number(length);
      this.mode = Body.Length;
      return this.remaining === 0;
    }
    this.mode = Body.UntilClose;
    return false;
  }

  /** Reads chunked framing from `at`; answers where it stopped, or -1 to wait for more bytes. */
  private readChunked(buf: Buffer, at: number): number {
    switch (this.chunkState) {
      case Chunk.Size: {
        const eol = buf.indexOf('\r\n', at);
        if (eol < 0) return -1;
        const size = Number.parseInt(buf.toString('latin1', at, eol).split(';')[0]!.trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw new SocketClosed('bad chunk size');
        this.remaining = size;
        this.chunkState = size === 0 ? Chunk.Trailer : Chunk.Data;
        return eol + 2;
      }
      case Chunk.Data: {
        const have = buf.length - at;
        if (have < this.remaining) {
          this.parts.push(buf.subarray(at));
          this.remaining -= have;
          return buf.length;
        }
        this.parts.push(buf.subarray(at, at + this.remaining));
        this.chunkState = Chunk.DataEnd;
        return at + this.remaining;
      }
      case Chunk.DataEnd:
        if (buf.length - at < 2) return -1;
        if (buf[at] !== 13 || buf[at + 1] !== 10) throw new SocketClosed('bad chunk end');
        this.chunkState = Chunk.Size;
        return at + 2;
      case Chunk.Trailer: {
        // Trailer lines, if any, end with an empty line; they are not read.
        const eol = buf.indexOf('\r\n', at);
        if (eol < 0) return -1;
        if (eol === at) {
          this.complete();
          return at + 2;
        }
        return eol + 2;
      }
    }
  }

  private complete(): void {
    const waiting = this.waiting.shift()!;
    const parts = this.parts;
    const body = parts.length === 0 ? '' : parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8');
    this.parts = [];
    this.inHead = true;
    const { status, headers } = this;
    // The server said this answer was its last on the connection (`connection: close`):
    // the requests after it were never read, so they go out again on another connection.
    if (!this.keepAlive) for (const w of this.close()) this.pool.send(w);
    else if (this.waiting.length === 0) this.idle();
    waiting.done(undefined, status, headers, body);
  }

  private idle(): void {
    // An idle connection does not keep the process alive, and is closed after a while.
    this.socket.unref();
    this.idleTimer = setTimeout(() => this.fail(), this.pool.options.idleMs);
    this.idleTimer.unref();
  }
}

/** The connections to one loopback origin. */
export class LoopbackHttp1 {
  private readonly connections: Connection[] = [];
  private readonly hostLine: string;
  private readonly checked = new Map<string, string>();

  constructor(readonly options: LoopbackHttp1Options) {
    this.hostLine = `host: ${options.host}\r\n`;
  }

  /**
   * Sends a request; `done` is called once, with the answer or the error that ended it.
   * Answers a function that aborts the request (and the others on its connection, which
   * fail with a transient error).
   */
  request(method: string, path: string, headers: Record<string, string>, body: string | undefined, done: Http1Callback): () => void {
    let head = `${method} ${path} HTTP/1.1\r\n${this.hostLine}`;
    for (const name in headers) {
      const value = headers[name]!;
      // The same few headers come with every request: each value is checked once.
      if (this.checked.get(name) !== value) {
        if (BAD_NAME.test(name) || BAD_VALUE.test(value)) {
          done(new InvalidHeader(`invalid ${name} header`), 0, {}, '');
          return () => undefined;
        }
        this.checked.set(name, value);
      }
      head += `${name}: ${value}\r\n`;
    }
    if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    else head += method === 'POST' || method === 'PUT' || method === 'PATCH' ? 'content-length: 0\r\n\r\n' : '\r\n';
    const latin1 = NOT_ASCII.test(head);
    const waiting: Waiting = latin1 ? { done, method, text: body ?? '', head } : { done, method, text: body === undefined ? head : head + body };
    this.send(waiting);
    return () => waiting.connection?.fail();
  }

  send(waiting: Waiting): void {
    this.pick().send(waiting);
  }

  /** The first connection with room, else a new one: requests go out together on few connections. */
  private pick(): Connection {
    for (const c of this.connections) if (c.waiting.length < this.options.depth) return c;
    const c = new Connection(this, this.options);
    this.connections.push(c);
    return c;
  }

  forget(connection: Connection): void {
    const i = this.connections.indexOf(connection);
    if (i >= 0) this.connections.splice(i, 1);
  }

  close(): void {
    for (const c of [...this.connections]) c.fail();
  }
}
