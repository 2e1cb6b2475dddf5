import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertSafeBaseUrl, displayBaseUrl } from './base-url.js';
import { ConfigError } from '../errors.js';
import { LOCAL_PROFILE, assertProfileName } from './profile-name.js';

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

/** A profile as the CLI sees it: the built-in `local` (embedded engine) or a stored one. */
export interface Profile {
  name: string;
  kind: 'embedded' | 'http';
  /** Absent for `local`: its database path is resolved by the CLI. */
  base_url?: string;
  api_key?: string;
  created_at?: string;
  /** The profile's default connected account, as stored (checked where it is used). */
  account?: string;
  /** True for the profile used when none is named. */
  current: boolean;
}

export interface ProfileInput {
  base_url: string;
  api_key?: string;
  /** Default connected account; absent: the one saved before is kept (same base URL only). */
  account?: string;
}

export interface ProfileStoreOptions {
  /** Directory of `config.json`; created with mode 0700 on first write. */
  dir: string;
  /** Clock for `created_at`. */
  now?: () => Date;
}

const CONFIG_NAME = 'config';

/** A config path whose permissions let other users in, and what was done about it. */
export interface PermissionFinding {
  path: string;
  kind: 'directory' | 'file';
  /** The mode found, e.g. 0o644. */
  mode: number;
  /** The mode it should have: 0o700 for the directory, 0o600 for the file. */
  wanted: number;
  /** True when the mode was set to `wanted`; false when it was left alone or chmod failed. */
  repaired: boolean;
  /** Why it was left alone: the directory is shared with other files, or chmod failed. */
  reason?: string;
}

/**
 * Named profiles (base URL + API key) in `<dir>/config.json`, file mode 0600.
 *
 * Reads are plain synchronous file reads, so commands that only look up their profile do
 * not load `conf` (its import costs more than the rest of startup). Writes go through
 * `conf` (atomic replace, file mode), imported on demand, so they are async.
 *
 * The built-in `local` profile (embedded engine) is never stored: it cannot be
 * overwritten or removed, and it is current until another profile is chosen.
 */
export class ProfileStore {
  readonly dir: string;
  /** Path of the config file. */
  readonly path: string;
  readonly #now: () => Date;

  constructor(options: ProfileStoreOptions) {
    this.dir = options.dir;
    this.path = join(options.dir, `${CONFIG_NAME}.json`);
    this.#now = options.now ?? (() => new Date());
  }

  /** Every profile: `local` first, then the stored ones by name. */
  list(): Profile[] {
    const data = this.#read();
    const current = currentName(data);
    const stored = Object.keys(data.profiles)
      .sort()
      .map((name) => toProfile(name, data.profiles[name], current));
    return [localProfile(current), ...stored];
  }

  /** The named profile, or undefined when there is none. */
  get(name: string): Profile | undefined {
    const data = this.#read();
    const current = currentName(data);
    if (name === LOCAL_PROFILE) return localProfile(current);
    const stored = Object.hasOwn(data.profiles, name) ? data.profiles[name] : undefined;
    return stored ? toProfile(name, stored, current) : undefined;
  }

  /** Name of the current profile (`local` unless another was chosen and still exists). */
  current(): string {
    return currentName(this.#read());
  }

  /**
   * Creates or replaces a stored profile (the current one stays as it is).
   * @throws ConfigError for an invalid name, the name `local`, or an unsafe base URL
   */
  async save(name: string, input: ProfileInput): Promise<Profile> {
    assertProfileName(name);
    if (name.toLowerCase() === LOCAL_PROFILE) {
      throw new ConfigError(
        `The profile "${LOCAL_PROFILE}" is built in (the embedded engine) and cannot be overwritten`,
        undefined,
        'choose another profile name',
      );
    }
    const url = assertSafeBaseUrl(input.base_url, Boolean(input.api_key));
    const profile: StoredProfile = { base_url: displayBaseUrl(url), created_at: this.#now().toISOString() };
    if (input.api_key) profile.api_key = input.api_key;
    const data = this.#read();
    // A new login to the same server keeps the default account (a setting of its own);
    // another server's platform would not know it.
    const before = Object.hasOwn(data.profiles, name) ? data.profiles[name] : undefined;
    if (input.account !== undefined) profile.account = input.account;
    else if (before?.account !== undefined && before.base_url === profile.base_url) profile.account = before.account;
    data.profiles[name] = profile;
    await this.#write(data);
    return toProfile(name, profile, currentName(data));
  }

  /**
   * Sets (or with undefined, clears) a stored profile's default connected account. The
   * caller checks the id's shape; the built-in `local` profile is never stored, so it has
   * no default (use `--account` or CREDYT_ACCOUNT).
   * @throws ConfigError for `local` or an unknown name
   */
  async setAccount(name: string, account: string | undefined): Promise<Profile> {
    if (name === LOCAL_PROFILE) {
      throw new ConfigError(
        `The profile "${LOCAL_PROFILE}" is built in and keeps no settings`,
        undefined,
        'select the account with --account or CREDYT_ACCOUNT',
      );
    }
    const data = this.#read();
    this.#mustExist(data, name);
    const profile = data.profiles[name]!;
    if (account === undefined) delete profile.account;
    else profile.account = account;
    await this.#write(data);
    return this.get(name) as Profile;
  }

  /**
   * Deletes a stored profile; removing the current one makes `local` current again.
   * @throws ConfigError for `local` or an unknown name
   */
  async remove(name: string): Promise<void> {
    if (name === LOCAL_PROFILE) {
      throw new ConfigError(`The profile "${LOCAL_PROFILE}" is built in and cannot be removed`);
    }
    const data = this.#read();
    this.#mustExist(data, name);
    delete data.profiles[name];
    if (data.current === name) delete data.current;
    await this.#write(data);
  }

  /**
   * Makes a profile current.
   * @throws ConfigError naming the profile and listing the known ones when it is unknown
   */
  async use(name: string): Promise<Profile> {
    const data = this.#read();
    if (name === LOCAL_PROFILE) {
      delete data.current;
    } else {
      this.#mustExist(data, name);
      data.current = name;
    }
    await this.#write(data);
    return this.get(name) as Profile;
  }

  /**
   * Checks that the directory is 0700 and the file 0600 (group and others get nothing)
   * and tightens whatever is wider. Files from older tools, `cp`, or an editor that
   * rewrote the file with the umask end up 0644; the key inside must not stay readable.
   * The directory is only changed when it holds nothing but the config file: a
   * CREDYT_CONFIG_DIR pointing at a shared directory (`/tmp`, a home) is reported, never
   * chmod-ed. Nothing to check without a config file, nor on Windows, where modes do
   * not describe access.
   */
  securePermissions(): PermissionFinding[] {
    if (process.platform === 'win32') return [];
    const fileMode = modeOf(this.path);
    if (fileMode === undefined) return [];
    const findings: PermissionFinding[] = [];
    const dirMode = modeOf(this.dir);
    if (dirMode !== undefined && (dirMode & 0o077) !== 0) {
      const ours = readdirSync(this.dir).every((name) => name.startsWith(`${CONFIG_NAME}.json`));
      findings.push(
        ours
          ? tighten(this.dir, 'directory', dirMode, 0o700)
          : { path: this.dir, kind: 'directory', mode: dirMode, wanted: 0o700, repaired: false, reason: 'it holds other files too' },
      );
    }
    if ((fileMode & 0o077) !== 0) findings.push(tighten(this.path, 'file', fileMode, 0o600));
    return findings;
  }

  #mustExist(data: ProfileData, name: string): void {
    if (Object.hasOwn(data.profiles, name)) return;
    const known = [LOCAL_PROFILE, ...Object.keys(data.profiles).sort()].join(', ');
    throw new ConfigError(
      `No profile named ${JSON.stringify(name)} (known: ${known})`,
      undefined,
      'create one with `credyt login --profile NAME`',
    );
  }

  #read(): ProfileData {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
      throw new ConfigError(`Cannot read ${this.path}: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw new ConfigError(
        `Config file ${this.path} is not valid JSON (${(error as Error).message})`,
        undefined,
        'fix the file, or delete it to start again with only the local profile',
      );
    }
    return sanitize(raw);
  }

  async #write(data: ProfileData): Promise<void> {
    // 0700: the directory lists which profiles exist; only its owner should see it.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const { default: Conf } = await import('conf');
    const conf = new Conf<Record<string, unknown>>({
      cwd: this.dir,
      configName: CONFIG_NAME,
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
    const store: Record<string, unknown> = { profiles: data.profiles };
    if (data.current !== undefined) store.current = data.current;
    conf.store = store;
    // conf writes a fresh file with the mode, but a pre-existing one may be looser.
    chmodSync(this.path, 0o600);
  }
}

function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function tighten(path: string, kind: PermissionFinding['kind'], mode: number, wanted: number): PermissionFinding {
  try {
    chmodSync(path, wanted | (mode & 0o7000));
    return { path, kind, mode, wanted, repaired: true };
  } catch (error) {
    return { path, kind, mode, wanted, repaired: false, reason: (error as Error).message };
  }
}

function currentName(data: ProfileData): string {
  const c = data.current;
  return c !== undefined && Object.hasOwn(data.profiles, c) ? c : LOCAL_PROFILE;
}

function localProfile(current: string): Profile {
  return { name: LOCAL_PROFILE, kind: 'embedded', current: current === LOCAL_PROFILE };
}

function toProfile(name: string, stored: StoredProfile, current: string): Profile {
  const profile: Profile = { name, kind: 'http', base_url: stored.base_url, created_at: stored.created_at, current: name === current };
  if (stored.api_key !== undefined) profile.api_key = stored.api_key;
  if (stored.account !== undefined) profile.account = stored.account;
  return profile;
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
