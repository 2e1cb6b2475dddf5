import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const defaultBin = resolve(import.meta.dirname, '../bin/credyt.js');

/**
 * Starts `credyt local serve --port 0 -o json` on `db` and resolves with the child and
 * the `{url, api_key}` it prints on stdout once that document is whole. Rejects if the
 * server exits first, with what it wrote on stderr.
 */
export function startServe({ db, env = process.env, bin = defaultBin }) {
  const child = spawn(process.execPath, [bin, 'local', 'serve', '--port', '0', '--db', db, '-o', 'json'], {
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
