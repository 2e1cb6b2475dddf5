import { createWriteStream, type WriteStream } from 'node:fs';
import { stringifyJson } from '../json/write.js';
import type { TextSink } from '../io/streams.js';

/**
 * How a line went in: the server's per-event status, or `sent` when its answer had none
 * (Credyt has not published what `POST /events` answers): delivered, not known whether new.
 */
export type OkStatus = 'accepted' | 'duplicate' | 'sent';

/** What happened to one input line. */
export type LineResult =
  | { line: number; ok: true; id: string; status: OkStatus; [extra: string]: unknown }
  | { line: number; ok: false; id?: string; error: { code: string; message: string } };

export interface Totals {
  lines: number;
  accepted: number;
  duplicate: number;
  /** Lines in batches answered without per-event results; absent when there were none. */
  sent?: number;
  failed: number;
}

export interface ResultSinkOptions {
  /** `-o jsonl`: one result per line on stdout, in input order. */
  jsonl?: TextSink;
  /** `--rejects FILE`: failed lines verbatim (a CSV header first). */
  rejectsPath?: string;
  rejectsHeader?: () => string | undefined;
  /** Failure messages on stderr, up to `maxMessages`. */
  stderr?: TextSink;
  source: string;
  maxMessages?: number;
}

/**
 * A held result: a status alone when nothing prints more of it, a status and its `-o jsonl`
 * line when that was written already, else the whole result and the line's text.
 */
type Status = typeof ACCEPTED | typeof DUPLICATE | typeof SENT;
type Held = Status | [Status, string] | [LineResult, string];
const EMPTY = 0;
const ACCEPTED = 1;
const DUPLICATE = 2;
const SENT = 3;
const CODES = { accepted: ACCEPTED, duplicate: DUPLICATE, sent: SENT } as const;

/**
 * Collects the result of every line and emits them in input order, whatever order the
 * batches finish in. Only the lines between the oldest unfinished one and the newest read
 * are held (the scheduler makes the reader wait while that window is full). A line
 * that succeeded is held as a small number unless `-o jsonl` prints it.
 */
export class ResultSink {
  readonly totals: Totals = { lines: 0, accepted: 0, duplicate: 0, failed: 0 };
  /** Sequence number (0-based, in read order) of the next result to emit. */
  private next = 0;
  /** Results by sequence number modulo its length; grows when more are pending. */
  private held: (Held | typeof EMPTY)[] = new Array<Held | typeof EMPTY>(1024).fill(EMPTY);
  private rejects?: WriteStream;
  private messages = 0;

  constructor(private readonly options: ResultSinkOptions) {}

  /** Results read but not yet emitted. */
  pending(read: number): number {
    return read - this.next;
  }

  record(seq: number, result: LineResult, text: string): void {
    this.hold(seq, [result, text]);
  }

  /** A line that succeeded, without making its result object unless it is printed. */
  recordOk(seq: number, line: number, id: string, status: OkStatus, extra?: Record<string, unknown>, extraJson?: string): void {
    const code = CODES[status];
    if (!this.options.jsonl) this.hold(seq, code);
    else if (extraJson === undefined) this.hold(seq, [{ line, ok: true, id, status, ...extra }, '']);
    // What stringifyJson writes for { line, ok, id, status, ...extra }, without the object.
    else this.hold(seq, [code, `{"line":${line},"ok":true,"id":${JSON.stringify(id)},"status":"${status}",${extraJson}}`]);
  }

  private hold(seq: number, entry: Held): void {
    while (seq - this.next >= this.held.length) this.grow();
    const size = this.held.length;
    this.held[seq % size] = entry;
    if (seq !== this.next) return;
    let at = seq % size;
    let found: Held | typeof EMPTY;
    while ((found = this.held[at]!) !== EMPTY) {
      this.held[at] = EMPTY;
      this.next++;
      this.emit(found);
      at = this.next % size;
    }
  }

  private grow(): void {
    const old = this.held;
    const held = new Array<Held | typeof EMPTY>(old.length * 2).fill(EMPTY);
    for (let seq = this.next; seq < this.next + old.length; seq++) held[seq % held.length] = old[seq % old.length]!;
    this.held = held;
  }

  private emit(entry: Held): void {
    const t = this.totals;
    t.lines++;
    if (typeof entry === 'number') this.count(entry);
    else if (typeof entry[0] === 'number') {
      this.count(entry[0]);
      this.options.jsonl?.write(entry[1] + '\n');
    } else this.emitResult(entry[0], entry[1]);
  }

  private count(code: Status): void {
    const t = this.totals;
    if (code === ACCEPTED) t.accepted++;
    else if (code === DUPLICATE) t.duplicate++;
    else t.sent = (t.sent ?? 0) + 1;
  }

  private emitResult(result: LineResult, text: string): void {
    const t = this.totals;
    if (result.ok) this.count(CODES[result.status]);
    else {
      t.failed++;
      this.reject(text);
      const max = this.options.maxMessages ?? 20;
      // Lines never sent are counted in the run's last words, not one message each.
      const said = result.error.code !== 'not_sent';
      if (said && this.options.stderr && this.messages < max) {
        this.options.stderr.write(`${this.options.source}:${result.line}: ${result.error.message}\n`);
      }
      if (said) this.messages++;
    }
    this.options.jsonl?.write(stringifyJson(result) + '\n');
  }

  private reject(text: string): void {
    if (!this.options.rejectsPath) return;
    if (!this.rejects) {
      this.rejects = createWriteStream(this.options.rejectsPath);
      const header = this.options.rejectsHeader?.();
      if (header !== undefined) this.rejects.write(header + '\n');
    }
    this.rejects.write(text + '\n');
  }

  /** Failure messages that were not printed (past `maxMessages`). */
  get unprinted(): number {
    return Math.max(0, this.messages - (this.options.maxMessages ?? 20));
  }

  async close(): Promise<void> {
    // Always written, even empty: a rejects file left from an earlier run must not linger.
    if (!this.rejects && this.options.rejectsPath) this.rejects = createWriteStream(this.options.rejectsPath);
    const rejects = this.rejects;
    if (!rejects) return;
    await new Promise<void>((resolve, reject) => {
      rejects.once('error', reject);
      rejects.end(() => resolve());
    });
  }
}
