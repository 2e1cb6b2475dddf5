import type { CredytClient } from '../client/client.js';
import type { Runtime } from '../runtime.js';
import { CredytError, ExitCode } from '../errors.js';
import { stringifyJson } from '../json/write.js';
import type { BulkFlags } from './flags.js';
import { guessFormat, openInput, type InputFormat } from './input.js';
import { ResultSink, type Totals } from './results.js';
import { Scheduler, type ItemOutcome, type Job } from './scheduler.js';
import { noProgress, startProgress, type Progress } from './progress.js';
import { boundHeapGrowth } from './memory.js';
import { idNamespace } from './uuid5.js';
import { derivedIds, type DeriveId } from './occurrences.js';
import { idKeyOf, pinId, rejectsHeader } from './pin-id.js';
import { randomUUID } from 'node:crypto';
import { stoppedError } from './stopped.js';

/** A line that is read but wrong (missing column, bad amount): reported, never sent. */
export class LineError extends Error {
  constructor(
    message: string,
    readonly code = 'invalid_line',
  ) {
    super(message);
  }
}

/** How one kind of line is checked and sent. */
export interface BulkKind<T> {
  /** `usage`, `top-up`, `adjust`: part of every derived id, so kinds never share one. */
  kind: string;
  /** For messages: `events`, `top-ups`. */
  noun: string;
  /** Largest batch one request takes (1: one request per line). */
  maxBatch: number;
  /**
   * NDJSON numbers may reach `prepare` as JS numbers where a double holds them exactly
   * (else as Decimal): for kinds that only write numbers back out with canonicalJson.
   * Parsing is several times cheaper then (see parseJsonLine, src/json/parse.ts).
   */
  plainNumbers?: boolean;
  /**
   * Checks a line and turns it into what is sent; `deriveId(name, timeMs?)` gives the id of
   * a line without one: from the namespace, `name` (the line's canonical content, see
   * canonical.ts) and, with `--id-scheme v2`, the line's time (occurrences.ts), or a random
   * one with --random-ids.
   * @throws LineError for a line that cannot be sent
   */
  prepare(value: Record<string, unknown>, format: InputFormat, deriveId: DeriveId): { key: string; item: T };
  send(client: CredytClient, key: string, jobs: Job<T>[]): Promise<ItemOutcome[]>;
  /** Bytes the items held take now: bounds the lines held in bytes too (huge lines). */
  heldBytes?(): number;
  /** Called once a line's batch has ended (answered, failed or not sent): its item is not used again. */
  release?(item: T): void;
  /** Bytes of items one request carries at most, and an item's share of them. */
  batchBytes?: number;
  itemBytes?(item: T): number;
  /** Counts of the kind's own for the summary (usage: `unbilled`). */
  totals?(): Record<string, number>;
  /** Warnings about the run as a whole, printed after the summary. */
  notes?(): string[];
}

export interface BulkSummary extends Totals {
  /** Lines read but never sent (the run stopped first); not in `failed`. */
  not_sent: number;
  elapsed_s: number;
  lines_per_s: number;
}

/**
 * Runs a bulk command over a file or stdin: stream, check, batch, send concurrently, and
 * report every line. Throws exit 9 when some lines failed, 8 when the server could not be
 * reached (the rest of the input is left unread: run the same command again), 130 on Ctrl-C.
 */
export async function runBulk<T>(rt: Runtime, flags: BulkFlags & { file: string }, kind: BulkKind<T>): Promise<BulkSummary> {
  boundHeapGrowth();
  const format = guessFormat(flags.file, flags.format);
  // A line's text is kept only where it may be written out again (--rejects).
  const keepText = flags.rejects !== undefined;
  const input = await openInput(flags.file, rt.io.stdin, format, { plainNumbers: kind.plainNumbers, keepText });
  const client = await rt.client({ bulk: true });
  rt.ctx.graceful = true;
  const namespace = idNamespace(flags.idNamespace);
  const derive: DeriveId = flags.randomIds ? () => randomUUID() : derivedIds(namespace, kind.kind, flags.idScheme);
  // The id derived for the line being prepared: a rejected line is written with it (pin-id.ts).
  let derived: string | undefined;
  const deriveId: DeriveId = (name, timeMs) => (derived = derive(name, timeMs));
  const idKey = idKeyOf(kind.kind);
  const started = performance.now();
  const startedAt = rt.ctx.now();
  // Messages during the run go above the progress bar, once there is one.
  let progress: Progress = noProgress(rt.io);
  const messages = { write: (text: string) => progress.log(text) };
  // A write does not end half done because the reader of its output went away
  // (`… -o jsonl | head -1`): the run goes on, and says so, without writing more results.
  // Left in place after the run: an EPIPE reported late must not turn its exit code into 0.
  let stdoutClosed = false;
  rt.ctx.onOutputClosed = (stream) => {
    if (stream === 'stdout' && !stdoutClosed) {
      stdoutClosed = true;
      progress.log(`stdout was closed after ${sink.totals.lines.toLocaleString('en-US')} results (its reader went away): every line is still sent; no more results are written.\n`);
    }
    return true;
  };
  const stdout = { write: (text: string) => stdoutClosed || rt.io.stdout.write(text) };
  const sink = new ResultSink({
    jsonl: rt.output.mode === 'jsonl' ? stdout : undefined,
    rejectsPath: flags.rejects,
    rejectsHeader: () => rejectsHeader(input.header, idKey),
    stderr: messages,
    source: input.source,
  });
  const scheduler = new Scheduler<T>({
    sink,
    batchSize: Math.min(flags.batchSize ?? kind.maxBatch, kind.maxBatch),
    concurrency: flags.concurrency,
    failFast: flags.failFast,
    send: (key, jobs) => kind.send(client, key, jobs),
    heldBytes: kind.heldBytes?.bind(kind),
    release: kind.release?.bind(kind),
    batchBytes: kind.batchBytes,
    itemBytes: kind.itemBytes?.bind(kind),
  });
  const onAbort = () => scheduler.stop('interrupted', ExitCode.Interrupted);
  rt.ctx.signal.addEventListener('abort', onAbort, { once: true });
  let linesRead = 0;
  // The input line after the last one read: where a stopped run's unread part begins.
  let nextLine = 1;
  let readAll = false;
  progress = await startProgress(rt.io, input, sink.totals, started, () => linesRead);
  try {
    reading: for await (const chunk of input.chunks()) {
      for (const record of chunk) {
        if (scheduler.stopped) break reading;
        linesRead++;
        nextLine = record.line + 1;
        const seq = scheduler.nextSeq();
        let wait: Promise<void> | undefined;
        if (record.error !== undefined) {
          wait = scheduler.reject(seq, record.line, keepText ? pinId(record.text, format, idKey, input.header, undefined) : '', 'malformed', record.error);
        } else {
          let prepared: { key: string; item: T } | undefined;
          derived = undefined;
          try {
            prepared = kind.prepare(record.value!, format, deriveId);
          } catch (error) {
            if (!(error instanceof LineError)) throw error;
            wait = scheduler.reject(seq, record.line, keepText ? pinId(record.text, format, idKey, input.header, undefined) : '', error.code, error.message);
          }
          const text = keepText ? pinId(record.text, format, idKey, input.header, derived) : '';
          if (prepared) wait = scheduler.add({ seq, line: record.line, text, key: prepared.key, item: prepared.item });
        }
        if (wait) await wait;
      }
    }
    readAll = !scheduler.stopped;
    await scheduler.drain();
  } finally {
    rt.ctx.signal.removeEventListener('abort', onAbort);
    progress.stop();
    await input.close();
    await sink.close();
  }

  const elapsed = (performance.now() - started) / 1000;
  const t = sink.totals;
  // Lines never sent are not failures of the server's: counted apart (`lines` = the sum).
  const notSent = scheduler.notSent;
  const summary: BulkSummary = {
    ...t,
    ...kind.totals?.(),
    failed: t.failed - notSent,
    not_sent: notSent,
    elapsed_s: Number(elapsed.toFixed(3)),
    lines_per_s: elapsed > 0 ? Math.round(t.lines / elapsed) : t.lines,
  };
  if (rt.output.mode === 'json') stdout.write(stringifyJson(summary, 2) + '\n');
  if (sink.unprinted > 0) rt.io.stderr.write(`… and ${sink.unprinted.toLocaleString('en-US')} more failed lines${flags.rejects ? ` (all in ${flags.rejects})` : ''}\n`);
  if (!rt.output.quiet) {
    const n = (x: number) => x.toLocaleString('en-US');
    rt.io.stderr.write(
      t.lines === 0
        ? `No ${kind.noun} in ${input.source}.\n`
        : `${n(t.lines)} lines: ${n(t.accepted)} accepted, ${n(t.duplicate)} duplicate, ${t.sent ? `${n(t.sent)} sent, ` : ''}${n(summary.failed)} failed${notSent > 0 ? `, ${n(notSent)} not sent` : ''} in ${elapsed.toFixed(1)} s (${n(summary.lines_per_s)} lines/s)\n`,
    );
  }
  for (const note of kind.notes?.() ?? []) rt.warn(note);
  const stop = scheduler.stopped;
  if (stop?.exitCode === ExitCode.Interrupted || stop?.exitCode === ExitCode.Network) {
    throw stoppedError(stop.exitCode === ExitCode.Interrupted ? 'Interrupted' : `Stopped (${stop.reason})`, stop.exitCode, {
      totals: t,
      notSent,
      randomIds: flags.randomIds === true,
      rejects: flags.rejects,
      unreadFrom: readAll ? undefined : nextLine,
      listCommand: kind.kind === 'usage' ? `credyt events list --since ${startedAt.toISOString()}` : undefined,
    });
  }
  if (t.failed > 0) {
    const unsent = notSent > 0 ? `, ${notSent.toLocaleString('en-US')} not sent` : '';
    // A run stopped early (--fail-fast) may not have read the rest: no rejects file holds it.
    const unread = readAll ? '' : `; the input from line ${nextLine.toLocaleString('en-US')} on was not read`;
    const rerun = flags.randomIds
      ? `then send lines ${nextLine.toLocaleString('en-US')} on of the input too (with --random-ids a re-run of the whole input would apply every line again)`
      : 'or fix them in the input and run the same command again: lines already applied are answered as duplicates';
    const fix = flags.rejects ? `fix them in ${flags.rejects} and feed that file back` : 'see them with -o jsonl, or write them out with --rejects FILE';
    throw new CredytError(
      `${summary.failed.toLocaleString('en-US')} of ${t.lines.toLocaleString('en-US')} lines failed${unsent}${stop ? ` (${stop.reason})` : ''}${unread}`,
      ExitCode.PartialFailure,
      readAll ? fix : `${fix}; ${rerun}`,
    );
  }
  return summary;
}
