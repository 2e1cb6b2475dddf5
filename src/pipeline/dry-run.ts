import { randomUUID } from 'node:crypto';
import type { CredytClient } from '../client/client.js';
import type { Runtime } from '../runtime.js';
import { CredytError, ExitCode } from '../errors.js';
import { stringifyJson } from '../json/write.js';
import type { BulkFlags } from './flags.js';
import { guessFormat, openInput } from './input.js';
import { LineError, type BulkKind } from './run.js';
import { idNamespace } from './uuid5.js';
import { derivedIds } from './occurrences.js';
import { DryPlan, type DryOutcome } from './dry-plan.js';
import { printDryPlan } from './dry-print.js';

/** A line checked by a dry run: its number, and the item a real run would send. */
export interface DryJob<T> {
  line: number;
  key: string;
  item: T;
}

/** How a dry run checks the lines of one kind against the ledger, reading only. */
export interface DryChecker<T> {
  /** Lines checked together (usage: one price simulation per customer and product). */
  batch: number;
  /** For the plan: what the amounts are (`credit`, `fees`). */
  amounts: string;
  /** One outcome per job, in order; a line that would fail says why. */
  check(client: CredytClient, jobs: DryJob<T>[]): Promise<DryOutcome[]>;
  /** What the run could not check (a server that did not say), printed after the plan. */
  notes?(): string[];
}

type Pending<T> = { line: number; job?: DryJob<T>; failed?: { code: string; message: string } };

/**
 * `--dry-run` of a bulk command: reads and checks every line as the real run would
 * (same parsing, same derived ids, the same lookups and quotes), writes nothing, and
 * prints the plan. Exit 9 when some lines would fail.
 */
export async function runDryRun<T>(rt: Runtime, flags: BulkFlags & { file: string }, kind: BulkKind<T>, checker: DryChecker<T>): Promise<DryPlan> {
  const format = guessFormat(flags.file, flags.format);
  const input = await openInput(flags.file, rt.io.stdin, format, { plainNumbers: kind.plainNumbers, keepText: false });
  const client = await rt.client({ bulk: true });
  const derive = flags.randomIds ? () => randomUUID() : derivedIds(idNamespace(flags.idNamespace), kind.kind, flags.idScheme);
  const plan = new DryPlan();
  const jsonl = rt.output.mode === 'jsonl';
  // Every bad line is named (the real run stops at 20): finding them is what a plan is for.
  const emit = (line: number, outcome: DryOutcome) => {
    plan.add(outcome);
    if (!outcome.ok) rt.io.stderr.write(`${input.source}:${line}: ${outcome.message}\n`);
    if (jsonl) rt.io.stdout.write(stringifyJson(DryPlan.result(line, outcome)) + '\n');
  };
  let pending: Pending<T>[] = [];
  let jobs = 0;
  const flush = async () => {
    const batch = pending;
    pending = [];
    jobs = 0;
    const checked = batch.filter((p) => p.job).map((p) => p.job!);
    const outcomes = checked.length > 0 ? await checker.check(client, checked) : [];
    let i = 0;
    for (const p of batch) {
      if (p.failed) emit(p.line, { ok: false, ...p.failed });
      else {
        emit(p.line, outcomes[i++] ?? { ok: false, code: 'not_checked', message: 'no result for this line' });
        kind.release?.(p.job!.item);
      }
    }
  };
  try {
    for await (const chunk of input.chunks()) {
      for (const record of chunk) {
        if (rt.ctx.signal.aborted) throw new CredytError('Interrupted', ExitCode.Interrupted);
        if (record.error !== undefined) {
          pending.push({ line: record.line, failed: { code: 'malformed', message: record.error } });
          continue;
        }
        try {
          const { key, item } = kind.prepare(record.value!, format, derive);
          pending.push({ line: record.line, job: { line: record.line, key, item } });
          if (++jobs >= checker.batch) await flush();
        } catch (error) {
          if (!(error instanceof LineError)) throw error;
          pending.push({ line: record.line, failed: { code: error.code, message: error.message } });
        }
      }
    }
    await flush();
  } finally {
    await input.close();
  }
  if (rt.output.mode === 'json') rt.io.stdout.write(stringifyJson(plan.summary(), 2) + '\n');
  if (!rt.output.quiet) printDryPlan(rt.io, plan, kind.noun, checker.amounts, input.source);
  for (const note of checker.notes?.() ?? []) rt.warn(note);
  if (plan.failed > 0) {
    throw new CredytError(
      `${plan.failed.toLocaleString('en-US')} of ${plan.lines.toLocaleString('en-US')} lines would fail (dry run: nothing was written)`,
      ExitCode.PartialFailure,
      'see them with -o jsonl; fix them and run again',
    );
  }
  return plan;
}
