import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { ApiError, ConfigError, ExitCode, NetworkError } from '../../errors.js';
import { maskKey } from '../../config/mask-key.js';
import { action } from '../verb.js';
import { printRecord, type Column } from '../../render/records.js';
import { connectedAccountColumns, type ConnectedAccountFields } from '../../render/profiles.js';
import { connectedAccountFields, platformClient } from '../account-selection.js';

/** What `auth status` reports. */
export interface AuthStatus extends ConnectedAccountFields {
  profile: string;
  kind: 'embedded' | 'http';
  base_url: string | null;
  api_key: string | null;
  /** flag (--api-key), env (CREDYT_API_KEY), profile (the config file) or none. */
  key_source: 'flag' | 'env' | 'profile' | 'none';
  /** live or test (from GET /accounts/self; the embedded engine is always test). */
  mode: 'live' | 'test' | 'unknown';
  account_id: string | null;
  account_name: string | null;
  /** Whether a request with the key was answered. */
  authenticated: boolean;
  config_file: string;
  config_file_mode: string | null;
  /** Permission problems found (and repaired) in the config directory and file. */
  config_warnings: string[];
}

const columns: Column<AuthStatus>[] = [
  { header: 'PROFILE', value: (s) => s.profile },
  { header: 'KIND', value: (s) => s.kind },
  { header: 'BASE URL', value: (s) => s.base_url },
  { header: 'API KEY', value: (s) => s.api_key ?? '(none)' },
  { header: 'KEY SOURCE', value: (s) => s.key_source },
  { header: 'MODE', value: (s) => s.mode },
  { header: 'ACCOUNT ID', value: (s) => s.account_id },
  { header: 'ACCOUNT NAME', value: (s) => s.account_name },
  { header: 'AUTHENTICATED', value: (s) => (s.authenticated ? 'yes' : 'no') },
  { header: 'CONFIG FILE', value: (s) => s.config_file },
  { header: 'CONFIG FILE MODE', value: (s) => s.config_file_mode ?? '(no file yet)' },
  { header: 'CONFIG WARNINGS', value: (s) => s.config_warnings.join('; ') },
  // Last, so piped scripts that cut the columns before it by position keep working.
  ...connectedAccountColumns<AuthStatus>(),
];

export function registerAuthStatus(parent: Command, ctx: Context): void {
  parent
    .command('status')
    .summary('Show the profile and key in use (masked), where the key comes from, and live or test')
    .description(
      'Show the profile and API key in use (masked), where the key comes from (--api-key, CREDYT_API_KEY ' +
        'or the profile file), whether the account is live or test (GET /accounts/self), the connected account ' +
        'the run acts on (--account, CREDYT_ACCOUNT or the profile\'s default; its name from GET /accounts/{id}), ' +
        'and whether the config file is private. Exits 3 when there is no usable key; the embedded engine needs none.',
    )
    .addHelpText('after', '\nExamples:\n  credyt auth status\n  credyt auth status --profile prod -o json\n  CREDYT_API_KEY=… credyt auth status --profile prod')
    .action(action(ctx, runAuthStatus));
}

function modeText(path: string): string | null {
  try {
    return '0' + (statSync(path).mode & 0o777).toString(8);
  } catch {
    return null;
  }
}

export async function runAuthStatus(rt: Runtime): Promise<void> {
  const store = rt.profiles();
  const target = rt.target();
  const warnings = rt.permissionFindings.map((f) => {
    const was = '0' + f.mode.toString(8);
    const now = '0' + f.wanted.toString(8);
    return f.repaired
      ? `${f.kind} ${f.path} was readable by other users (${was}); now ${now}`
      : `${f.kind} ${f.path} is readable by other users (${was}; left so: ${f.reason}); chmod ${now.slice(1)} it if only you use it`;
  });
  const status: AuthStatus = {
    profile: target.profile,
    kind: target.kind,
    base_url: target.kind === 'http' ? target.baseUrl : null,
    api_key: target.kind === 'http' && target.apiKey ? maskKey(target.apiKey) : null,
    key_source: target.kind === 'http' ? (target.keySource ?? 'none') : 'none',
    mode: target.kind === 'embedded' ? 'test' : 'unknown',
    account_id: null,
    account_name: null,
    authenticated: false,
    config_file: store.path,
    config_file_mode: modeText(store.path),
    config_warnings: warnings,
    ...noConnectedAccount(rt),
  };
  let failure: ApiError | NetworkError | ConfigError | undefined;
  if (target.kind === 'http' && !target.apiKey) {
    failure = new ConfigError(
      `Profile "${target.profile}" has no API key for ${target.baseUrl}.`,
      ExitCode.Auth,
      `Run \`credyt login --profile ${target.profile}\`, or set CREDYT_API_KEY.`,
    );
  } else {
    try {
      const self = await (await platformClient(rt)).getSelf();
      status.authenticated = true;
      status.account_id = self.id;
      status.account_name = self.name ?? null;
      if (target.kind === 'http') status.mode = self.live_mode === true ? 'live' : self.live_mode === false ? 'test' : 'unknown';
      Object.assign(status, await connectedAccountFields(rt));
    } catch (error) {
      // A server that is down or failing still leaves the profile, key and config to show;
      // the error and its exit code (8, 7, …) follow them.
      if (!(error instanceof ApiError || error instanceof NetworkError)) throw error;
      failure = error;
    }
  }
  printRecord(rt.output, { columns, row: status, json: status, id: (s) => s.profile });
  if (failure) throw failure;
}

/** The selected account before anything is asked: its id and source, no name yet. */
function noConnectedAccount(rt: Runtime): ConnectedAccountFields {
  const selected = rt.account();
  return { connected_account_id: selected?.id ?? null, connected_account_name: null, connected_account_source: selected?.source ?? null };
}
