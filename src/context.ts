import type { IOStreams } from './io/streams.js';

/**
 * What a run of the CLI depends on from outside: streams, environment and clock. Built
 * once by `bin/` (or a test) and handed to `main`; nothing reads `process` elsewhere.
 */
export interface Context {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
  /** Work to finish before the process exits (closing databases, sockets). */
  cleanups: (() => Promise<void>)[];
  /** Aborted on SIGINT/SIGTERM; long-running verbs (local serve) stop on it. */
  signal: AbortSignal;
  /** Set by verbs that stop cleanly on `signal`; otherwise a signal ends the process at once. */
  graceful: boolean;
}

export function createContext(
  io: IOStreams,
  env: NodeJS.ProcessEnv,
  version: string,
  signal: AbortSignal = new AbortController().signal,
): Context {
  return { io, env, now: () => new Date(), version, cleanups: [], signal, graceful: false };
}
