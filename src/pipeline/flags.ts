import { Option, type Command } from 'commander';
import { integerArg } from '../io/integer-arg.js';
import { UsageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { ID_SCHEMES, type IdScheme } from './occurrences.js';

export const INPUT_FORMATS = ['ndjson', 'csv'] as const;

/** Flags of every bulk command (`usage post --file`, `top-up --file`, `adjust --file`). */
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

/**
 * Requests in flight by default. Batched kinds (usage: up to 1,000 events a request) keep
 * 4, gentle on a remote server and on the client's memory, except against a server on
 * this machine (`credyt local serve`): 16 there, so its commit groups hold more events
 * and its thread never waits for the next batch (docs/decisions.md, "Usage batches: 16 in
 * flight against local serve"). One-line-per-request kinds
 * (top-ups, adjustments) send lines of under a kilobyte each: 32 in flight carry fewer
 * lines than 4 usage batches, and a server answers one line per request only as fast as
 * lines arrive (docs/decisions.md, "Bulk top-ups: 32 lines in flight"). To a server on
 * this machine (`local serve`), 64: its answers and the next requests then travel more to
 * a read and a write on both sides (docs/decisions.md, "Bulk top-ups to a server on this
 * machine: 64 lines in flight").
 */
export const DEFAULT_CONCURRENCY = { batched: 4, batchedLoopback: 16, perLine: 32, perLineLoopback: 64 } as const;

/** A batched kind's `--concurrency`: as given, else by where the requests go (loopback: local serve). */
export function batchedConcurrency(given: number | undefined, loopback: boolean): number {
  return given ?? (loopback ? DEFAULT_CONCURRENCY.batchedLoopback : DEFAULT_CONCURRENCY.batched);
}

/**
 * --concurrency of a one-line-per-request run (`top-up --file`, `adjust --file`): as given,
 * else 64 to an HTTP server on this machine and 32 to any other (and the embedded engine).
 */
export function lineConcurrency(rt: Runtime, given: number): number {
  if (rt.command.getOptionValueSource('concurrency') !== 'default') return given;
  const target = rt.target();
  return target.kind === 'http' && target.loopback ? DEFAULT_CONCURRENCY.perLineLoopback : given;
}

export function bulkFlags(command: Command, what: string, maxBatch = 1): Command {
  // A batched kind's default depends on the target, known only when the command runs.
  const concurrency = maxBatch > 1 ? undefined : DEFAULT_CONCURRENCY.perLine;
  const defaults = maxBatch > 1 ? ` (default: ${DEFAULT_CONCURRENCY.batched}, ${DEFAULT_CONCURRENCY.batchedLoopback} to a server on this machine)` : '';
  command
    .option('--file <path>', `many ${what} from a file, one per line (- for stdin)`)
    .addOption(new Option('--format <format>', 'input format (default: from the extension; .csv is CSV, else NDJSON)').choices(INPUT_FORMATS));
  if (maxBatch > 1) command.option('--batch-size <n>', `with --file: lines per request, up to ${maxBatch} (default ${maxBatch})`, integerArg(1, maxBatch));
  return command
    .addOption(
      new Option('--concurrency <n>', `with --file: requests in flight at once${defaults}`)
        .argParser(integerArg(1, 64))
        .default(concurrency, maxBatch > 1 ? undefined : `${concurrency}, ${DEFAULT_CONCURRENCY.perLineLoopback} to a server on this machine`),
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
export function bulkOnlyFlags(opts: Omit<BulkFlags, 'concurrency'>): string[] {
  const named: [unknown, string][] = [
    [opts.format, '--format'],
    [opts.batchSize, '--batch-size'],
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
export function checkDryRunFlags(opts: BulkFlags): void {
  if (!opts.dryRun) return;
  if (opts.rejects !== undefined) throw new UsageError('--rejects goes with a real run, not --dry-run (-o jsonl lists the lines that would fail).');
  if (opts.failFast) throw new UsageError('--fail-fast goes with a real run, not --dry-run.');
}
