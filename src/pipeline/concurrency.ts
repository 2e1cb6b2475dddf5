import type { Target } from '../runtime-target.js';

/**
 * How a bulk run sends its lines, which sets how many requests it keeps in flight:
 * `usageBatches` (`usage post --file`, up to 1,000 events a request), `lines` (`top-up
 * --file`, `adjust --file`, one line a request) and `creditBatches` (those two in batches of
 * 200 lines, to the embedded engine or a local serve that takes them).
 */
export type SendingKind = 'usageBatches' | 'lines' | 'creditBatches';

/**
 * Requests in flight when `--concurrency` is not given, by how a run sends and where to:
 * `loopback` is a server on this machine (`credyt local serve`), `elsewhere` any other
 * server and the embedded engine.
 * - usageBatches 4: gentle on a remote server and on the client's memory; the embedded
 *   engine shares the client's thread, so more batches held only raise its peak RSS. 16 to
 *   local serve, so its commit groups hold more events and its thread never waits for the
 *   next batch (docs/decisions.md, "Usage batches: 16 in flight against local serve").
 * - lines 32: lines of under a kilobyte carry less than 4 usage batches, and a server
 *   answers one line per request only as fast as lines arrive (docs/decisions.md, "Bulk
 *   top-ups over HTTP: lines in flight and the request path"). 64 to local serve: answers and the next requests then
 *   travel more to a read and a write on both sides (docs/decisions.md, "Bulk top-ups to a
 *   server on this machine: 64 lines in flight").
 * - creditBatches 4 (docs/decisions.md, "Bulk top-ups in batches to local serve"); never
 *   sent to a remote server, so `elsewhere` is the embedded engine only.
 */
export const DEFAULT_CONCURRENCY = {
  usageBatches: { elsewhere: 4, loopback: 16 },
  lines: { elsewhere: 32, loopback: 64 },
  creditBatches: { elsewhere: 4, loopback: 4 },
} as const satisfies Record<SendingKind, { elsewhere: number; loopback: number }>;

/** The one bound of `--concurrency` (integerArg checks it when the flag is parsed). */
export const MAX_CONCURRENCY = 64;

/** Requests in flight by default for `kind` to `target` (known only when the command runs). */
export function defaultConcurrency(kind: SendingKind, target: Target): number {
  const loopback = target.kind === 'http' && target.loopback;
  return DEFAULT_CONCURRENCY[kind][loopback ? 'loopback' : 'elsewhere'];
}

/** `--concurrency` of a bulk run: as given, else the default for its kind and target. */
export function concurrencyOf(given: number | undefined, kind: SendingKind, target: Target): number {
  return given ?? defaultConcurrency(kind, target);
}
