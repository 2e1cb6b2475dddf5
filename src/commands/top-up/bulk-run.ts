import type { Command } from 'commander';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { bulkOnlyFlags, checkDryRunFlags, type BulkOptions } from '../../pipeline/flags.js';
import { concurrencyOf } from '../../pipeline/concurrency.js';
import type { CreditBatching } from './bulk-batch.js';

/** The flags of a credit run that may go in batches: `--no-batch` sets `batch` to false. */
export interface BatchFlags {
  batch?: boolean;
}

/**
 * Lines a batch request carries to a local serve that takes batches (docs/decisions.md,
 * "Bulk top-ups in batches to local serve"); batches in flight: concurrencyOf.
 */
export const CREDIT_BATCH = { lines: 200 } as const;

/** `--no-batch` of `top-up` and `adjust`. */
export function batchFlag(command: Command): Command {
  return command.option(
    '--no-batch',
    `with --file: one request per line, even to the embedded engine or a local serve, which take ${CREDIT_BATCH.lines} lines a request (a local extension)`,
  );
}

/**
 * Flag rules of a `--file` run of top-up or adjust: no positional arguments, none of the
 * one-line flags, and `--yes` on a profile that is not the embedded engine (a bulk run
 * reads its lines from stdin as often as not, so nobody can be asked).
 * Without --file, only the bulk-only flags are checked.
 */
export function checkBulkRun(rt: Runtime, opts: BulkOptions & { transactionId?: string }, args?: unknown[], ...single: [string, unknown][]): void {
  if (opts.file === undefined) {
    const bulkOnly = bulkOnlyFlags(opts);
    if ((opts as BatchFlags).batch === false) bulkOnly.push('--no-batch');
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

/**
 * How a `--file` run sends its lines: in batches when the target is the embedded engine
 * or a server on this machine that answers the batch probe (unless `--no-batch`,
 * `--fail-fast` or `--dry-run`); else one request a line, as always. Requests in flight:
 * `--concurrency`, else the default of the way the lines go (concurrencyOf). The hosted
 * API (any server not on this machine) is never probed.
 */
export async function bulkSending(rt: Runtime, opts: BulkOptions & BatchFlags): Promise<{ batching?: CreditBatching; concurrency: number }> {
  const target = rt.target();
  // --fail-fast stops at the first failed line: a batch would have sent the lines after it.
  if (opts.batch !== false && !opts.dryRun && !opts.failFast && (target.kind === 'embedded' || target.loopback)) {
    const [{ adjustmentBatchesServed }, { creditBatching }] = await Promise.all([import('../../client/credits.js'), import('./bulk-batch.js')]);
    if (await adjustmentBatchesServed(await rt.client({ bulk: true }))) {
      const concurrency = concurrencyOf(opts.concurrency, 'creditBatches', target);
      // Twice as many shards as batches in flight: one is always ready when one comes back.
      return { batching: creditBatching(CREDIT_BATCH.lines, concurrency * 2), concurrency };
    }
  }
  return { concurrency: concurrencyOf(opts.concurrency, 'lines', target) };
}
