import type { ProfileStore } from './config/profile-store.js';
import { defaultDbPath } from './config/paths.js';
import type { DbSource } from './client/ledger-file.js';
import { isLoopbackUrl } from './client/http-transport.js';
import { ConfigError, ExitCode } from './errors.js';
import type { GlobalFlags } from './globals.js';

/** Where the API key of a run comes from (flag > env > profile). */
export type KeySource = 'flag' | 'env' | 'profile';

/** Where requests of this run go. */
export type Target =
  | { profile: string; kind: 'embedded'; dbPath: string; dbSource: DbSource }
  | { profile: string; kind: 'http'; baseUrl: string; apiKey?: string; keySource?: KeySource; loopback: boolean };

/**
 * Flag > env > profile > default, for the profile, base URL, key and database.
 * `onKeyFlag` is called when the key comes from `--api-key` (the runtime warns once).
 * @throws ConfigError (exit 2) for an unknown profile
 */
export function resolveTarget(flags: GlobalFlags, env: NodeJS.ProcessEnv, profiles: ProfileStore, onKeyFlag: () => void): Target {
  const name = flags.profile ?? (env.CREDYT_PROFILE || undefined) ?? profiles.current();
  const profile = profiles.get(name);
  if (!profile) {
    const known = profiles.list().map((p) => p.name).join(', ');
    throw new ConfigError(`No profile named "${name}" (known: ${known}).`, ExitCode.Usage, 'Create one with `credyt login --profile NAME`.');
  }
  const baseUrl = flags.baseUrl ?? (env.CREDYT_BASE_URL || undefined) ?? profile.base_url;
  if (!baseUrl) {
    if (flags.db) return { profile: name, kind: 'embedded', dbPath: flags.db, dbSource: 'flag' };
    if (env.CREDYT_DB) return { profile: name, kind: 'embedded', dbPath: env.CREDYT_DB, dbSource: 'env' };
    return { profile: name, kind: 'embedded', dbPath: defaultDbPath(), dbSource: 'default' };
  }
  let apiKey: string | undefined;
  let keySource: KeySource | undefined;
  if (flags.apiKey) {
    [apiKey, keySource] = [flags.apiKey, 'flag'];
    onKeyFlag();
  } else if (env.CREDYT_API_KEY) {
    [apiKey, keySource] = [env.CREDYT_API_KEY, 'env'];
  } else if (profile.api_key) {
    [apiKey, keySource] = [profile.api_key, 'profile'];
  }
  return { profile: name, kind: 'http', baseUrl, apiKey, keySource, loopback: isLoopbackUrl(baseUrl) };
}
