import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { ApiError, ConfigError, ExitCode, UsageError } from '../../errors.js';
import { CredytClient } from '../../client/client.js';
import { createHttpTransport, assertSafeBaseUrl } from '../../client/http-transport.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { profileView, whoamiColumns } from '../../render/profiles.js';
import { readAll } from '../../io/read-all.js';

export const CREDYT_BASE_URL = 'https://api.credyt.ai';

export interface LoginOptions {
  withKey?: boolean;
}

export function registerLogin(program: Command, ctx: Context, run = runLogin): void {
  program
    .command('login')
    .summary('Save a profile (base URL + API key) after checking the key')
    .description(
      'Save a profile and make it current. The key comes from --api-key, from stdin with --with-key, or\n' +
        'from CREDYT_API_KEY; it is checked with GET /accounts/self before it is saved (file mode 0600).',
    )
    .option('--with-key', 'read the API key from stdin')
    .addHelpText(
      'after',
      `
Examples:
  credyt login --profile prod --with-key < ~/.credyt-key
  printf %s "$KEY" | credyt login --profile dev --base-url http://127.0.0.1:4010 --with-key
  CREDYT_API_KEY=key_… credyt login --profile test`,
    )
    .action(action(ctx, run));
}

async function keyFrom(rt: Runtime, opts: LoginOptions): Promise<string> {
  if (opts.withKey) {
    const key = (await readAll(rt.io.stdin)).trim();
    if (!key) throw new UsageError('--with-key read an empty key from stdin.');
    return key;
  }
  const key = rt.flags.apiKey ?? rt.ctx.env.CREDYT_API_KEY;
  if (!key) throw new UsageError('No API key: pass --with-key (stdin), --api-key, or set CREDYT_API_KEY.');
  return key;
}

export async function runLogin(rt: Runtime, opts: LoginOptions): Promise<void> {
  const name = rt.flags.profile ?? 'default';
  const baseUrl = rt.flags.baseUrl ?? (rt.ctx.env.CREDYT_BASE_URL || CREDYT_BASE_URL);
  const apiKey = await keyFrom(rt, opts);
  if (rt.flags.apiKey) rt.warn('--api-key is visible to other users in the process list; prefer --with-key.');
  assertSafeBaseUrl(baseUrl, true);
  const store = rt.profiles();
  if (name === 'local') throw new ConfigError('The profile "local" is built in (the embedded engine); choose another name.');

  const transport = createHttpTransport({
    baseUrl,
    timeoutMs: (rt.flags.timeout ?? 30) * 1000,
    maxRetries: rt.flags.maxRetries ?? 3,
  });
  rt.ctx.cleanups.push(() => transport.close());
  const client = new CredytClient({ transport, apiKey, profileName: name });
  let account;
  try {
    account = await client.getSelf();
  } catch (error) {
    if (error instanceof ApiError && error.exitCode === ExitCode.Auth) {
      throw new ApiError(`${baseUrl} rejected the API key (HTTP ${error.status}); nothing was saved.`, ExitCode.Auth, error.status, error.problem);
    }
    throw error;
  }
  await store.save(name, { base_url: baseUrl, api_key: apiKey });
  const profile = await store.use(name);
  rt.io.stderr.write(`Logged in to ${baseUrl} as ${account.name ?? account.id}; profile "${name}" is now current.\n`);
  const view = { ...profileView(profile), account_id: account.id, account_name: account.name, live_mode: account.live_mode };
  printRecord(rt.output, { columns: whoamiColumns, row: view, json: view, id: (p) => p.name });
}
