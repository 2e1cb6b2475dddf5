import { join } from 'node:path';
import { assertSafeBaseUrl, displayBaseUrl } from './base-url.js';
import { ConfigError } from '../errors.js';
import { CONFIG_NAME, readConfigFile, writeConfigFile, type ProfileData, type StoredProfile } from './config-file.js';
import { secureConfigPermissions, type PermissionFinding } from './config-permissions.js';
import { LOCAL_PROFILE, assertProfileName } from './profile-name.js';

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

/**
 * Named profiles (base URL + API key) in `<dir>/config.json`, file mode 0600: reads are
 * synchronous, writes async (config-file.ts says why).
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

  /** Tightens the config directory's and file's modes (config-permissions.ts). */
  securePermissions(): PermissionFinding[] {
    return secureConfigPermissions(this.dir, this.path, `${CONFIG_NAME}.json`);
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
    return readConfigFile(this.path);
  }

  #write(data: ProfileData): Promise<void> {
    return writeConfigFile(this.dir, this.path, data);
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
