import { CredytError, ExitCode } from '../errors.js';
import type { Totals } from './results.js';

const n = (x: number) => x.toLocaleString('en-US');

/** What a run that ended early knows of its lines. */
export interface StoppedRun {
  totals: Totals;
  /** Lines read but never sent (their batch had not left when the run stopped). */
  notSent: number;
  randomIds: boolean;
  rejects?: string;
  /** Input line number of the first line not read; undefined when all of it was read. */
  unreadFrom?: number;
  /** A command that lists what went in (`credyt events list --since <start>`: it filters on occurred_at). */
  listCommand?: string;
}

/**
 * The error a run stopped by Ctrl-C or by an unreachable server ends with: how many lines
 * were answered (not merely read), and advice that is true for how the ids were made.
 * With ids derived from content (or given on the lines) a re-run answers the applied lines
 * as duplicates; with --random-ids it would apply them again, so the advice is to send
 * only the lines that were not.
 */
export function stoppedError(message: string, exitCode: ExitCode, run: StoppedRun): CredytError {
  const answered = run.totals.lines - run.notSent;
  const unread = run.unreadFrom === undefined ? '' : `; the input from line ${n(run.unreadFrom)} on was not read`;
  const counts = `${n(answered)} ${answered === 1 ? 'line' : 'lines'} answered${run.notSent > 0 ? `, ${n(run.notSent)} read but not sent` : ''}${unread}`;
  if (!run.randomIds) {
    return new CredytError(`${message}: ${counts}`, exitCode, 'Run the same command again: lines already applied are answered as duplicates and apply nothing twice.');
  }
  const applied = run.totals.accepted + run.totals.duplicate + (run.totals.sent ?? 0);
  const where = run.rejects
    ? `the lines not sent and the failed ones are in ${run.rejects}`
    : `-o jsonl marks the lines not sent ("not_sent"); --rejects FILE writes them out`;
  const rest = run.unreadFrom === undefined ? '' : `, and the input from line ${n(run.unreadFrom)} on`;
  return new CredytError(
    `${message}: ${counts}`,
    exitCode,
    `Do not run the same command again: --random-ids gives each line without an id a new id, so the ${n(applied)} lines applied would apply again. ` +
      `Send only what did not go in (${where})${rest}${run.listCommand ? `; \`${run.listCommand}\` lists what did (lines without an occurred_at of their own)` : ''}.`,
  );
}
