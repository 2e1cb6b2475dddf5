import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { LOCAL_PROFILE } from './profile-name.js';

/** The config file is `<dir>/config.json` (`conf` takes the name without `.json`). */
export const CONFIG_NAME = 'config';

/** A profile as stored in the config file. */
export interface StoredProfile {
  base_url: string;
  api_key?: string;
  created_at: string;
  /** Connected account (`acc_…`) the profile acts on by default (`--account` and CREDYT_ACCOUNT win). */
  account?: string;
}

/** The config file's content. */
export interface ProfileData {
  current?: string;
  profiles: Record<string, StoredProfile>;
}

/**
 * The config file's content, or no profiles when there is no file. A plain synchronous
 * read: commands that only look up their profile do not load `conf` (its import costs
 * more than the rest of startup).
 * @throws ConfigError when the file cannot be read or is not JSON
 */
export function readConfigFile(path: string): ProfileData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw new ConfigError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `Config file ${path} is not valid JSON (${(error as Error).message})`,
      undefined,
      'fix the file, or delete it to start again with only the local profile',
    );
  }
  return sanitize(raw);
}

/**
 * Replaces the config file through `conf` (atomic replace, file mode 0600), imported on
 * demand, so writes are async.
 */
export async function writeConfigFile(dir: string, path: string, data: ProfileData): Promise<void> {
  // 0700: the directory lists which profiles exist; only its owner should see it.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { default: Conf } = await import('conf');
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: CONFIG_NAME,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
  });
  const store: Record<string, unknown> = { profiles: data.profiles };
  if (data.current !== undefined) store.current = data.current;
  conf.store = store;
  // conf writes a fresh file with the mode, but a pre-existing one may be looser.
  chmodSync(path, 0o600);
}

/** No prototype: a profile may legally be named `__proto__` or `constructor`. */
function emptyData(): ProfileData {
  return { profiles: Object.create(null) as Record<string, StoredProfile> };
}

/** Keeps only well-formed entries of a config file someone may have edited by hand. */
function sanitize(raw: unknown): ProfileData {
  const data = emptyData();
  if (typeof raw !== 'object' || raw === null) return data;
  const { current, profiles } = raw as { current?: unknown; profiles?: unknown };
  if (typeof current === 'string') data.current = current;
  if (typeof profiles !== 'object' || profiles === null) return data;
  for (const [name, value] of Object.entries(profiles)) {
    if (name === LOCAL_PROFILE || typeof value !== 'object' || value === null) continue;
    const { base_url, api_key, created_at, account } = value as Record<string, unknown>;
    if (typeof base_url !== 'string') continue;
    const entry: StoredProfile = { base_url, created_at: typeof created_at === 'string' ? created_at : '' };
    if (typeof api_key === 'string' && api_key !== '') entry.api_key = api_key;
    // Kept as written, even malformed: the run that uses it names the profile and the key.
    if (typeof account === 'string' && account !== '') entry.account = account;
    data.profiles[name] = entry;
  }
  return data;
}
