import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { bulkOnlyFlags, checkDryRunFlags, type BulkFlags } from '../../pipeline/flags.js';

/**
 * Flag rules of a `--file` run of top-up or adjust: no positional arguments, none of the
 * one-line flags, and `--yes` on a profile that is not the embedded engine (a bulk run
 * reads its lines from stdin as often as not, so nobody can be asked).
 * Without --file, only the bulk-only flags are checked.
 */
export function checkBulkRun(rt: Runtime, opts: BulkFlags & { transactionId?: string }, args?: unknown[], ...single: [string, unknown][]): void {
  if (opts.file === undefined) {
    const bulkOnly = bulkOnlyFlags(opts);
    if (bulkOnly.length > 0) throw new UsageError(`${bulkOnly[0]} goes with --file.`);
    return;
  }
  if (args?.some((a) => a !== undefined)) throw new UsageError('--file takes the customer and amount from each line; give no arguments.');
  const clash = [['--transaction-id', opts.transactionId] as [string, unknown], ...single].find(([, v]) => v !== undefined && v !== false);
  if (clash) throw new UsageError(`${clash[0]} goes with one line, not --file (put it in a column).`);
  checkDryRunFlags(opts);
  // A dry run writes nothing: there is nothing to confirm.
  if (rt.target().kind === 'http' && !rt.flags.yes && !opts.dryRun) {
    throw new UsageError(`A bulk run on profile "${rt.target().profile}" moves money without asking: pass --yes to go ahead.`);
  }
}

/** The flags of `top-up` and `adjust` that describe one line: with --file they belong in columns. */
export function creditOnly(opts: {
  description?: string;
  expiresAt?: string;
  metadata?: Record<string, string>;
  accountName?: string;
}): [string, unknown][] {
  return [
    ['--description', opts.description],
    ['--expires-at', opts.expiresAt],
    ['--metadata', opts.metadata],
    ['--account-name', opts.accountName],
  ];
}
