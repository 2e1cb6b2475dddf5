import { Option, type Command } from 'commander';
import { integerArg } from '../io/integer-arg.js';
import { UsageError } from '../errors.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './concurrency.js';
import { ID_SCHEMES, type IdScheme } from './occurrences.js';

export const INPUT_FORMATS = ['ndjson', 'csv'] as const;

/**
 * Flags of a bulk run (`usage post --file`, `top-up --file`, `adjust --file`), with
 * `--concurrency` resolved (concurrencyOf); as parsed, it may be unset (BulkOptions).
 */
export interface BulkFlags {
  file?: string;
  format?: string;
  batchSize?: number;
  concurrency: number;
  idNamespace?: string;
  /** Only `usage post` has --id-scheme; the other kinds derive `v1` ids. */
  idScheme?: IdScheme;
  randomIds?: boolean;
  rejects?: string;
  failFast?: boolean;
  dryRun?: boolean;
}

/** The bulk flags as commander parses them: `--concurrency` unset when not given. */
export type BulkOptions = Omit<BulkFlags, 'concurrency'> & { concurrency?: number };

/**
 * The bulk flags of a command. `--concurrency` has no commander default: its default
 * depends on the target, known only when the command runs (concurrencyOf), so an unset
 * value is what says "not given" for every kind. The help states the defaults.
 */
export function bulkFlags(command: Command, what: string, maxBatch = 1): Command {
  const defaults = maxBatch > 1 ? DEFAULT_CONCURRENCY.usageBatches : DEFAULT_CONCURRENCY.lines;
  // One-line kinds (top-ups, adjustments) go in batches to local serve and the embedded engine.
  const batchedCredits = `; ${DEFAULT_CONCURRENCY.creditBatches.loopback} when lines go in batches, to local serve or the embedded engine`;
  command
    .option('--file <path>', `many ${what} from a file, one per line (- for stdin)`)
    .addOption(new Option('--format <format>', 'input format (default: from the extension; .csv is CSV, else NDJSON)').choices(INPUT_FORMATS));
  if (maxBatch > 1) command.option('--batch-size <n>', `with --file: lines per request, up to ${maxBatch} (default ${maxBatch})`, integerArg(1, maxBatch));
  return command
    .option(
      '--concurrency <n>',
      `with --file: requests in flight at once (default: ${defaults.elsewhere}, ${defaults.loopback} to a server on this machine${maxBatch > 1 ? '' : batchedCredits})`,
      integerArg(1, MAX_CONCURRENCY),
    )
    .option('--id-namespace <text>', 'with --file: scope of the ids derived from line content (a UUID or any text)')
    .option('--random-ids', 'with --file: a new random id for lines without one (re-runs apply them again)')
    .option('--rejects <path>', 'with --file: write every failed input line there, verbatim, to fix and feed back')
    .option('--fail-fast', 'with --file: stop at the first failed line')
    .option('--dry-run', 'with --file: check every line against the ledger and print the totals; writes nothing');
}

/**
 * `--id-scheme` of `usage post --file`: `v2` (the default) puts each line's `occurred_at`
 * in front of its derived id, so the engine's id index grows at its end.
 */
export function idSchemeFlag(command: Command): Command {
  return command.addOption(
    new Option('--id-scheme <scheme>', 'with --file: ids derived for lines without one: v2 (default) puts occurred_at first, v1 as before (re-run a file first posted before v2 with v1)')
      .choices(ID_SCHEMES),
  );
}

/** Names of the bulk-only flags given without --file, for the usage error. */
export function bulkOnlyFlags(opts: BulkOptions): string[] {
  const named: [unknown, string][] = [
    [opts.format, '--format'],
    [opts.batchSize, '--batch-size'],
    // Unset unless given (no commander default): one request has nothing to run at once.
    [opts.concurrency, '--concurrency'],
    [opts.idNamespace, '--id-namespace'],
    [opts.idScheme, '--id-scheme'],
    [opts.randomIds, '--random-ids'],
    [opts.rejects, '--rejects'],
    [opts.failFast, '--fail-fast'],
    [opts.dryRun, '--dry-run'],
  ];
  return named.filter(([v]) => v !== undefined).map(([, name]) => name);
}

/** --dry-run writes nothing, so the flags about what a run writes do not go with it. */
export function checkDryRunFlags(opts: BulkOptions): void {
  if (!opts.dryRun) return;
  if (opts.rejects !== undefined) throw new UsageError('--rejects goes with a real run, not --dry-run (-o jsonl lists the lines that would fail).');
  if (opts.failFast) throw new UsageError('--fail-fast goes with a real run, not --dry-run.');
}
