import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { ApiError, ConfigError, ExitCode, UsageError } from '../../errors.js';
import { CredytClient } from '../../client/client.js';
import { assertSafeBaseUrl } from '../../config/base-url.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { profileView, whoamiColumns } from '../../render/profiles.js';
import { readAll } from '../../io/read-all.js';
import { required } from '../ask.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { getAccount } from '../../client/accounts.js';

export const CREDYT_BASE_URL = 'https://api.credyt.ai';

export interface LoginOptions {
  withKey?: boolean;
}

export function registerLogin(program: Command, ctx: Context): void {
  program
    .command('login')
    .summary(TOP_SUMMARIES.login)
    .description(
      'Save a profile and make it current. At a terminal it asks for the base URL and the key (masked); ' +
        'otherwise the key comes from stdin with --with-key (or --api-key, which other processes can see). ' +
        'The key is checked with GET /accounts/self before it is saved (file mode 0600). CREDYT_API_KEY is ' +
        'used as is by every command and never saved. With --account, the connected account is checked ' +
        '(GET /accounts/{id}) and saved as the profile\'s default; otherwise a default saved before is kept.',
    )
    .option('--with-key', 'read the API key from stdin')
    .addHelpText(
      'after',
      `
Examples:
  credyt login                                   # at a terminal: asks for the URL and the key
  credyt login --profile prod --with-key < ~/.credyt-key
  printf %s "$KEY" | credyt login --profile dev --base-url http://127.0.0.1:4010 --with-key
  credyt login --profile bingo --account acc_4tvras4k598tdb256atm8axemw --with-key < ~/.credyt-key`,
    )
    .action(action(ctx, runLogin));
}

function checkBaseUrl(value: string): true | string {
  try {
    assertSafeBaseUrl(value.trim(), true);
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function baseUrlFrom(rt: Runtime, keyOnStdin: boolean): Promise<string> {
  const given = rt.flags.baseUrl ?? (rt.ctx.env.CREDYT_BASE_URL || undefined);
  if (given !== undefined || keyOnStdin || !rt.interactive) return given ?? CREDYT_BASE_URL;
  return rt.ask(undefined, { flag: '--base-url <url>', message: 'API base URL', default: CREDYT_BASE_URL, validate: checkBaseUrl });
}

async function keyFrom(rt: Runtime, opts: LoginOptions): Promise<string> {
  if (opts.withKey) {
    const key = (await readAll(rt.io.stdin)).trim();
    if (!key) throw new UsageError('--with-key read an empty key from stdin.');
    return key;
  }
  if (rt.flags.apiKey) {
    rt.warnApiKeyFlag();
    return rt.flags.apiKey;
  }
  if (!rt.interactive && rt.ctx.env.CREDYT_API_KEY) {
    throw new UsageError(
      'CREDYT_API_KEY is used as is by every command and is never saved to disk.',
      'To save it in a profile, pass it on stdin: printf %s "$CREDYT_API_KEY" | credyt login --with-key',
    );
  }
  return rt.ask(undefined, { flag: '--with-key (the key on stdin)', message: 'API key', secret: true, validate: required });
}

export async function runLogin(rt: Runtime, opts: LoginOptions): Promise<void> {
  const name = rt.flags.profile ?? 'default';
  if (name === 'local') throw new ConfigError('The profile "local" is built in (the embedded engine); choose another name.');
  const baseUrl = await baseUrlFrom(rt, Boolean(opts.withKey));
  assertSafeBaseUrl(baseUrl, true);
  const apiKey = await keyFrom(rt, opts);
  const store = rt.profiles();

  const transport = rt.httpTransport({ baseUrl, apiKey });
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
  if (rt.flags.account !== undefined) await mustKnowAccount(client, baseUrl, rt.flags.account);
  await store.save(name, { base_url: baseUrl, api_key: apiKey, account: rt.flags.account });
  const profile = await store.use(name);
  rt.io.stderr.write(`Logged in to ${baseUrl} as ${account.name ?? account.id}; profile "${name}" is now current.\n`);
  const view = { ...profileView(profile), account_id: account.id, account_name: account.name, live_mode: account.live_mode };
  printRecord(rt.output, { columns: whoamiColumns, row: view, json: view, id: (p) => p.name });
}

/** A default account the platform does not know would fail every later run: refuse it now. */
async function mustKnowAccount(client: CredytClient, baseUrl: string, account: string): Promise<void> {
  try {
    await getAccount(client, account);
  } catch (error) {
    if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) {
      throw new ApiError(`${baseUrl} has no connected account ${account} for this key; nothing was saved.`, ExitCode.NotFound, error.status, error.problem, 'list them with `credyt accounts list`');
    }
    throw error;
  }
}
