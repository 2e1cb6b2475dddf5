import { CredytError, ExitCode, UsageError } from '../errors.js';

/** Where the embedded engine's database path came from; only a flag's may not create one. */
export type DbSource = 'flag' | 'env' | 'default';

/** `--db PATH` names no file: a typo must not become a new, empty ledger. */
export function missingLedger(path: string): UsageError {
  return new UsageError(
    `No ledger at ${path} (--db): check the path.`,
    'A new ledger is created only by `credyt local serve --db PATH`, `credyt demo --db PATH`, ' +
      'or at the default location (CREDYT_DB, else the data directory) by a command that writes.',
  );
}

/**
 * The error of opening a database file that is not a credyt ledger (SQLITE_NOTADB: exit 2,
 * the path is wrong) or is damaged (SQLITE_CORRUPT: exit 11, as a violation found by
 * `local verify`); undefined for any other failure.
 */
export function ledgerFileError(error: unknown, path: string): CredytError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  // An install whose native build was skipped (npm >= 11 without allowScripts) or made
  // for another Node.js: say how to repair it, not "unexpected".
  if (/Could not locate the bindings file|NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) {
    return new CredytError(
      `The SQLite binding of the embedded engine does not load: ${message.split('\n')[0]}`,
      ExitCode.Generic,
      'Rebuild it with `npm rebuild better-sqlite3` (npm >= 11 runs its install script only when allowed: ' +
        'npm install -g --allow-scripts=better-sqlite3,esbuild credyt).',
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return new CredytError(`${path} is not a credyt ledger (not an SQLite database).`, ExitCode.Usage, 'Check --db / CREDYT_DB.');
  }
  if (code === 'SQLITE_CORRUPT') {
    return new CredytError(
      `The ledger ${path} is damaged (SQLite: ${(error as Error).message}).`,
      ExitCode.LedgerViolations,
      'Restore it from a backup; `credyt local verify` checks a ledger that opens.',
    );
  }
  return undefined;
}
