import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const defaultBin = resolve(import.meta.dirname, '../bin/credyt.js');

/**
 * Starts `credyt local serve --port 0 -o json` on `db` (`nodeArgs` for its node, e.g.
 * `--cpu-prof`) and resolves with the child and
 * the `{url, api_key}` it prints on stdout once that document is whole. Rejects if the
 * server exits first, with what it wrote on stderr.
 */
export function startServe({ db, env = process.env, bin = defaultBin, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, bin, 'local', 'serve', '--port', '0', '--db', db, '-o', 'json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`local serve exited ${code}: ${err}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      try {
        const { url, api_key: apiKey } = JSON.parse(out);
        resolvePromise({ child, url, apiKey });
      } catch {
        // not the whole document yet
      }
    });
  });
}

/** Ends a child startServe started, and waits for it to exit. */
export async function stopServe(child) {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User and system CPU ms of a live process (all its threads), or of one thread of it, from /proc. */
export function processCpuMs(pid, thread) {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * TICK_MS, sys: Number(fields[12]) * TICK_MS };
}

/** User and system CPU ms of a live process (all threads), and of its main thread alone. */
export function processAndMainCpuMs(pid) {
  const { user, sys } = processCpuMs(pid);
  const main = processCpuMs(pid, pid);
  return { user, sys, main: main.user + main.sys };
}
