import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/serve.js';
import { runMain, type InProcessResult } from './in-process.js';

export interface InProcessRunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** stdin, stdout and stderr are terminals; piped (the default) otherwise. */
  tty?: boolean;
  /** Answers for the scripted prompter, in order. */
  answers?: (string | boolean | Error)[];
}

/**
 * A throwaway home for one test file, like `sandbox()` in cli.ts, whose runs call `main`
 * in this process (streams in memory) instead of spawning bin/credyt: the same command
 * behaviour at a fraction of the cost of a Node start-up per run.
 */
export interface InProcessSandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: InProcessRunOptions): Promise<InProcessResult>;
  cleanup(): void;
}

export function inProcessSandbox(): InProcessSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-test-'));
  // Only what steers credyt: nothing of the user's environment reaches an in-process run.
  const env: NodeJS.ProcessEnv = {
    CREDYT_CONFIG_DIR: join(dir, 'config'),
    CREDYT_DB: join(dir, 'local.db'),
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
  };
  return {
    dir,
    env,
    run: (args, options = {}) =>
      runMain(args, { env: { ...env, ...options.env }, stdin: options.input, tty: options.tty, answers: options.answers }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A Credyt-compatible server on 127.0.0.1 (what `credyt local serve` runs), in this process. */
export interface InProcessServer {
  url: string;
  apiKey: string;
  stop(): Promise<void>;
}

export async function serveInProcess(box: { dir: string }, dbPath = join(box.dir, 'served.db')): Promise<InProcessServer> {
  const server = await startServer({ dbPath });
  return { url: server.url, apiKey: server.apiKey, stop: () => server.close() };
}
