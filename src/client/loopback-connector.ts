import { connect as netConnect, type NetConnectOpts, type Socket } from 'node:net';

/** What undici's Pool passes a custom `connect` function (the parts a plain TCP connection uses). */
interface ConnectOptions {
  hostname: string;
  port: string;
  localAddress?: string | null;
}
type ConnectCallback = (...result: [Error, null] | [null, Socket]) => void;

/** Reads like undici's own connect timeout, so the retry policy treats it alike. */
class ConnectTimeout extends Error {
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
}

/**
 * undici's connector for plain TCP (keep-alive, no Nagle, a connect time limit), with one
 * difference: the requests written in one turn of the event loop leave in one write.
 *
 * undici writes each request on its own (cork, head, body, uncork): one `writev` system
 * call per request, the costliest single item of a pipelined bulk run on loopback (each
 * loopback write also runs the receiver's side of TCP). The answers to a pipelined run
 * come several to a read, and each frees a slot that undici fills at once, all within the
 * same turn; holding the socket corked until the turn ends (`process.nextTick`, after the
 * promise jobs those answers start) sends them together. Nothing waits longer than that turn.
 */
export function coalescingConnector(timeoutMs: number) {
  return ({ hostname, port, localAddress }: ConnectOptions, callback: ConnectCallback): Socket => {
    // undici's highWaterMark too (Node's own streams' size), which @types/node leaves out here.
    const options = { highWaterMark: 64 * 1024, host: hostname, port: Number(port) || 80, localAddress: localAddress ?? undefined };
    const socket = netConnect(options as NetConnectOpts);
    socket.setKeepAlive(true, 60_000);
    socket.setNoDelay(true);
    coalesceWrites(socket);
    let done: ConnectCallback | undefined = callback;
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      const cb = done;
      done = undefined;
      if (error) cb?.(error, null);
      else cb?.(null, socket);
    };
    const timer = setTimeout(() => {
      const error = new ConnectTimeout(`Connect Timeout Error (attempted address: ${hostname}:${port}, timeout: ${timeoutMs}ms)`);
      finish(error);
      socket.destroy(error);
    }, timeoutMs);
    socket.once('connect', () => finish(null)).on('error', (error) => finish(error));
    return socket;
  };
}

/** Every cork taken in a turn of the event loop is released together at its end. */
function coalesceWrites(socket: Socket): void {
  const cork = socket.cork;
  let held = false;
  const release = () => {
    held = false;
    socket.uncork();
  };
  socket.cork = function corkUntilTurnEnds(this: Socket) {
    if (!held) {
      held = true;
      cork.call(this);
      process.nextTick(release);
    }
    cork.call(this);
  };
}
