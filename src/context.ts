import type { IOStreams } from './io/streams.js';
import type { Prompter } from './io/prompter.js';

/**
 * What a run of the CLI depends on from outside: streams, prompter, environment and
 * clock. Built once by `bin/` (or a test) and handed to `main`; nothing reads `process`
 * elsewhere.
 */
export interface Context {
  io: IOStreams;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
  /** Asks a person; used only when prompts are allowed (see io/prompter.ts). */
  prompter: Prompter;
  /** Work to finish before the process exits (closing databases, sockets). */
  cleanups: (() => Promise<void>)[];
  /** Aborted on SIGINT/SIGTERM; long-running verbs (local serve) stop on it. */
  signal: AbortSignal;
  /** Set by verbs that stop cleanly on `signal`; otherwise a signal ends the process at once. */
  graceful: boolean;
  /**
   * Called by `bin/` when a reader of stdout or stderr went away (EPIPE). Answers true to
   * keep running: bulk writes finish their run (pipelines/run.ts). Unset, or false, the
   * process ends quietly with exit 0, as `… | head -1` expects of a read.
   */
  onOutputClosed?: (stream: 'stdout' | 'stderr') => boolean;
}

/** A prompter for contexts built without one: any question is a bug. */
const NO_PROMPTER: Prompter = {
  text: () => Promise.reject(new Error('no prompter in this context')),
  secret: () => Promise.reject(new Error('no prompter in this context')),
  confirm: () => Promise.reject(new Error('no prompter in this context')),
};

export function createContext(
  io: IOStreams,
  env: NodeJS.ProcessEnv,
  version: string,
  signal: AbortSignal = new AbortController().signal,
  prompter: Prompter = NO_PROMPTER,
): Context {
  return { io, env, now: () => new Date(), version, prompter, cleanups: [], signal, graceful: false };
}
