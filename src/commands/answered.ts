import type { Runtime } from '../runtime.js';
import { ApiError, ExitCode } from '../errors.js';

/**
 * True when a write's 2xx answer is a record to print. Otherwise the write still happened
 * (the server said 2xx), so a warning says what is unknown and the command exits 0.
 */
export function answeredRecord<T extends object>(rt: Runtime, value: T | undefined | null, missing: string): value is T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
  rt.warn(`the server answered without ${missing}.`);
  return false;
}

/** A read's answer (also one sent with POST, like a quote) that is not a record: exit 7. */
export function requireRecord<T extends object>(value: T | undefined | null, what: string): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  throw new ApiError(`The answer had no ${what}`, ExitCode.Server, 200, undefined);
}
