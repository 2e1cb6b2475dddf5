import { chmodSync, readdirSync, statSync } from 'node:fs';

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
 * Checks that the directory is 0700 and the file 0600 (group and others get nothing)
 * and tightens whatever is wider. Files from older tools, `cp`, or an editor that
 * rewrote the file with the umask end up 0644; the key inside must not stay readable.
 * The directory is only changed when it holds nothing but the config file (names
 * starting with `fileName`): a CREDYT_CONFIG_DIR pointing at a shared directory (`/tmp`,
 * a home) is reported, never chmod-ed. Nothing to check without a config file, nor on
 * Windows, where modes do not describe access.
 */
export function secureConfigPermissions(dir: string, path: string, fileName: string): PermissionFinding[] {
  if (process.platform === 'win32') return [];
  const fileMode = modeOf(path);
  if (fileMode === undefined) return [];
  const findings: PermissionFinding[] = [];
  const dirMode = modeOf(dir);
  if (dirMode !== undefined && (dirMode & 0o077) !== 0) {
    const ours = readdirSync(dir).every((name) => name.startsWith(fileName));
    findings.push(
      ours
        ? tighten(dir, 'directory', dirMode, 0o700)
        : { path: dir, kind: 'directory', mode: dirMode, wanted: 0o700, repaired: false, reason: 'it holds other files too' },
    );
  }
  if ((fileMode & 0o077) !== 0) findings.push(tighten(path, 'file', fileMode, 0o600));
  return findings;
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
