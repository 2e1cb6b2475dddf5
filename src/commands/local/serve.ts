import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { integerArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { CredytError, UsageError } from '../../errors.js';
import { ledgerFileError } from '../../client/ledger-file.js';

export interface LocalServeOptions {
  port: number;
  host: string;
  allowInsecureWebhooks?: boolean;
}

interface Listening {
  url: string;
  api_key: string;
  db: string;
}

export function registerLocalServe(parent: Command, ctx: Context): void {
  parent
    .command('serve')
    .summary('Serve the embedded engine over HTTP, the Credyt API on 127.0.0.1 (local engine)')
    .description(
      'Serve the embedded engine over HTTP with the Credyt API. Prints its URL and a new API key; ' +
        'log a profile in with them to use it from other shells or programs. Also delivers the ' +
        'webhook events recorded on the database (docs/webhooks.md). Stops on Ctrl-C.',
    )
    .option('--port <n>', 'port, 0 for any free one', integerArg(0, 65535), 4010)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--allow-insecure-webhooks', 'let webhook destinations be plain http to any host, not only loopback')
    .addHelpText(
      'after',
      `
Examples:
  credyt local serve
  credyt local serve --port 0 --db ./dev.db -o json
  credyt login --profile dev --base-url http://127.0.0.1:4010 --with-key < key.txt`,
    )
    .action(action(ctx, runLocalServe));
}

/**
 * The URL a profile on this machine logs in with: a wildcard bind (0.0.0.0, ::) is no
 * address to connect to, and \`login\` takes plain http only to loopback.
 */
function loginUrl(url: string): string {
  return url.replace(/^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/, 'http://127.0.0.1');
}

/** Why serving could not start, said plainly with a documented exit code. */
function serveError(error: unknown, opts: LocalServeOptions, dbPath: string): CredytError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new UsageError(`Port ${opts.port} on ${opts.host} is already in use.`, 'Choose another with --port N, or --port 0 for any free port.');
  }
  if (code === 'EACCES') {
    return new UsageError(`Not allowed to listen on ${opts.host}:${opts.port}.`, 'Ports below 1024 need privileges: choose --port 1024 or above.');
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UsageError(`--host ${opts.host} is not an address of this machine.`);
  }
  return ledgerFileError(error, dbPath);
}

export async function runLocalServe(rt: Runtime, opts: LocalServeOptions): Promise<void> {
  const target = rt.target();
  const dbPath = target.kind === 'embedded' ? target.dbPath : rt.flags.db;
  if (!dbPath) throw new Error('unreachable: no database for local serve');
  const { startServer } = await import('../../server/serve.js');
  rt.ctx.graceful = true;
  const server = await startServer({ host: opts.host, port: opts.port, dbPath, clock: rt.ctx.now, allowInsecureWebhooks: opts.allowInsecureWebhooks }).catch((error: unknown) => {
    throw serveError(error, opts, dbPath) ?? error;
  });
  const info: Listening = { url: server.url, api_key: server.apiKey, db: dbPath };
  printRecord(rt.output, {
    columns: [
      { header: 'URL', value: (l: Listening) => l.url },
      { header: 'API KEY', value: (l) => l.api_key },
      { header: 'DATABASE', field: 'db', value: (l) => l.db },
    ],
    row: info,
    json: info,
    id: (l) => l.url,
  });
  if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
    rt.warn(`listening on ${opts.host}: API keys will cross the network in plain HTTP.`);
  }
  rt.io.stderr.write(
    `Log a profile in with:  printf %s ${server.apiKey} | credyt login --profile local-http --base-url ${loginUrl(server.url)} --with-key\n` +
      'Press Ctrl-C to stop.\n',
  );
  await new Promise<void>((resolve) => {
    if (rt.ctx.signal.aborted) resolve();
    rt.ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
}
