import { ConfigError } from '../errors.js';

/** Name of the built-in profile that runs the embedded engine. */
export const LOCAL_PROFILE = 'local';

const PROFILE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** True for 1–64 letters, digits, `-` and `_`. */
export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

/** @throws ConfigError (exit 2) naming the rule when `name` is not a valid profile name */
export function assertProfileName(name: string): void {
  if (!isValidProfileName(name)) {
    throw new ConfigError(
      `Invalid profile name ${JSON.stringify(name)}: use 1 to 64 letters, digits, "-" or "_"`,
    );
  }
}
