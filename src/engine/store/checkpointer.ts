import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program: its own connection to the file, a PASSIVE checkpoint on each
 * message, and a close that the opener can wait for synchronously (Engine.close is).
 * Given as source, not as a file beside the bundle: it needs only the SQLite driver,
 * whose path the opener passes in.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const closed = new Int32Array(workerData.closed);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = FULL');
} catch (error) {
  parentPort.postMessage({ error: String(error), fatal: true });
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    try { db?.close(); } finally {
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      parentPort.close();
    }
    return;
  }
  if (!db) return;
  let answer;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    answer = { log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    answer = { error: String(error) };
  }
  parentPort.postMessage(answer);
});
`;

/** How often at most a checkpoint is asked for while commits come (tests pass less). */
const INTERVAL_MS = 500;
/** How long close waits for the worker's connection to close. */
const CLOSE_WAIT_MS = 10_000;

/**
 * Copies the WAL's committed pages into the database file on a worker thread, with its own
 * connection, while the engine's thread goes on writing (docs/ledger.md, "Checkpoints run
 * on a worker thread").
 *
 * SQLite checkpoints on the writing connection, inside the COMMIT that takes the WAL past
 * `wal_autocheckpoint` pages: a bulk run's server stopped for a third of a second every
 * two or so (tens of thousands of page writes, then two fsyncs). Here a PASSIVE checkpoint
 * runs at most every INTERVAL_MS while commits come; it never blocks the writer, and
 * SQLite lets one run while another connection writes. The writer's own automatic
 * checkpoint stays as it was: it then finds most pages copied, copies the few left, and so
 * lets the next write start the WAL over from its beginning.
 *
 * The worker starts with the first checkpoint asked for, INTERVAL_MS after the first
 * commit: a short command never starts one.
 */
export class Checkpointer {
  private worker: Worker | undefined;
  private closed: Int32Array | undefined;
  private running = false;
  private last: number;
  private failed = false;
  /** Checkpoints done, for tests and benchmarks. */
  readonly stats = { runs: 0, errors: 0 };

  constructor(
    private readonly path: string,
    private readonly intervalMs = INTERVAL_MS,
  ) {
    this.last = performance.now();
  }

  /** After a commit: asks for a checkpoint unless one runs or ran within INTERVAL_MS. */
  committed(): void {
    if (this.running || this.failed) return;
    const now = performance.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    this.running = true;
    (this.worker ??= this.start()).postMessage('checkpoint');
  }

  /** Closes the worker's connection, waiting for a checkpoint it runs to end. */
  close(): void {
    const { worker, closed } = this;
    if (!worker || !closed) return;
    this.worker = undefined;
    worker.postMessage('close');
    Atomics.wait(closed, 0, 0, CLOSE_WAIT_MS);
    void worker.terminate();
  }

  private start(): Worker {
    const closed = new Int32Array(new SharedArrayBuffer(4));
    this.closed = closed;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.path, driver, closed: closed.buffer } });
    // Never what keeps the process alive; a process that exits without close loses
    // nothing (a checkpoint cut short is redone by the next).
    worker.unref();
    worker.on('message', (answer: { error?: string; fatal?: boolean }) => {
      this.running = false;
      if (answer.fatal) this.failed = true;
      this.last = performance.now();
      if (answer.error === undefined) this.stats.runs++;
      else this.stats.errors++;
    });
    // The writer's own checkpoints go on as before: a failed worker only stops this.
    worker.on('error', () => {
      this.failed = true;
      this.running = false;
    });
    return worker;
  }
}
