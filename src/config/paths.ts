import { join } from 'node:path';
import envPaths from 'env-paths';

/** The OS's directories for `credyt`, without env-paths' default `-nodejs` suffix. */
function paths() {
  return envPaths('credyt', { suffix: '' });
}

/**
 * Default directory of the profile store, e.g. `~/.config/credyt` on Linux. The CLI
 * prefers CREDYT_CONFIG_DIR when set.
 */
export function defaultConfigDir(): string {
  return paths().config;
}

/**
 * Default directory of the embedded engine's data, e.g. `~/.local/share/credyt`. The CLI
 * prefers CREDYT_DB (a file path) when set.
 */
export function defaultDataDir(): string {
  return paths().data;
}

/** Default database file of the built-in `local` profile: `local.db` in defaultDataDir(). */
export function defaultDbPath(): string {
  return join(defaultDataDir(), 'local.db');
}
