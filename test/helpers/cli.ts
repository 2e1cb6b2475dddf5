import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const BIN = resolve(import.meta.dirname, '../../bin/credyt.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway home for one test: its own config dir and database. */
export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  cleanup(): void;
}

/** Environment without anything of the user's that would steer credyt. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('CREDYT_') || key === 'NO_COLOR' || key === 'FORCE_COLOR' || key === 'CI') continue;
    env[key] = value;
  }
  return env;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-test-'));
  const env = {
    ...cleanEnv(),
    CREDYT_CONFIG_DIR: join(dir, 'config'),
    CREDYT_DB: join(dir, 'local.db'),
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
  };
  return {
    dir,
    env,
    run: (args, options = {}) => runCli(args, { ...env, ...options.env }, options.input),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Served {
  url: string;
  apiKey: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** `credyt local serve` on a free port of 127.0.0.1, as a real child process. */
export function serve(box: Sandbox, dbPath = join(box.dir, 'served.db')): Promise<Served> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, 'local', 'serve', '--port', '0', '--db', dbPath, '-o', 'json'], {
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let text = '';
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      text += line;
      try {
        const info = JSON.parse(text) as { url: string; api_key: string };
        lines.close();
        resolvePromise({
          url: info.url,
          apiKey: info.api_key,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('close', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      } catch {
        // not a whole JSON document yet
      }
    });
    child.on('close', (code) => reject(new Error(`local serve exited ${code}: ${stderr}`)));
  });
}

/** Parses stdout as JSON (the CLI prints one document with -o json). */
export function json<T = any>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}
