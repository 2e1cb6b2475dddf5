import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkpointer } from '../../../src/engine/store/checkpointer.js';
import { openEngine } from '../../../src/engine/index.js';
import { customerOf, fileEngine, tempDir, uuid } from './fixture.js';

// Checkpoints on a worker thread (docs/ledger.md, "Checkpoints run on a worker thread").

/** Waits (up to 10 s) until the worker has answered `n` checkpoints. */
const checkpointsDone = (checkpointer: Checkpointer, n: number) =>
  vi.waitFor(() => expect(checkpointer.stats.runs).toBe(n), { timeout: 10_000, interval: 10 });

describe('Checkpointer', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** A WAL file whose writer never checkpoints by itself: what is in the main file came from elsewhere. */
  function walDatabase() {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'wal.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT NOT NULL) STRICT');
    return { path, db };
  }

  it('copies committed pages into the database file from its own thread, without blocking the writer', async () => {
    const { path, db } = walDatabase();
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
    })();
    const before = statSync(path).size;
    const checkpointer = new Checkpointer(path, 0);
    checkpointer.committed();
    await checkpointsDone(checkpointer, 1);
    expect(checkpointer.stats.errors).toBe(0);
    expect(statSync(path).size).toBeGreaterThan(before + 1_000_000);
    // The writer went on meanwhile and goes on after.
    insert.run('after');
    checkpointer.close();
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2001);
    db.close();
  });

  it('starts no worker for commits within the interval after it was made (a short command)', async () => {
    const { path, db } = walDatabase();
    const checkpointer = new Checkpointer(path, 60_000);
    checkpointer.committed();
    checkpointer.committed();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkpointer.stats.runs).toBe(0);
    expect((checkpointer as unknown as { worker?: unknown }).worker).toBeUndefined();
    checkpointer.close();
    db.close();
  });

  it('closes the worker connection before returning, so the last connection removes the WAL', async () => {
    const { path, db } = walDatabase();
    db.prepare('INSERT INTO t (x) VALUES (?)').run('one');
    const checkpointer = new Checkpointer(path, 0);
    checkpointer.committed();
    // The worker's connection is open from its first checkpoint on.
    await checkpointsDone(checkpointer, 1);
    checkpointer.close();
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('counts a worker that cannot open the file as errors, and the writer goes on', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const checkpointer = new Checkpointer(join(tmp.dir, 'missing.db'), 0);
    checkpointer.committed();
    await vi.waitFor(() => expect(checkpointer.stats.errors).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
    expect(checkpointer.stats.runs).toBe(0);
    checkpointer.close();
  });

  it('runs for an engine with group commit on a file, and the ledger reads back whole after close', async () => {
    const { engine, path, cleanup: done } = fileEngine();
    cleanup = done;
    const groups = engine.groupCommit();
    // Only a WAL file gets a worker: the checks below would hang on nothing otherwise.
    expect(groups.checkpointer).toBeInstanceOf(Checkpointer);
    const checkpointer = groups.checkpointer!;
    const customer = customerOf(engine);
    const started = Date.now();
    let n = 0;
    // Commits for longer than the interval: the worker is asked at least once.
    while (checkpointer.stats.runs === 0 && Date.now() - started < 10_000) {
      const mark = groups.mark();
      engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
      n++;
      await groups.settled(mark);
    }
    expect(checkpointer.stats.runs).toBeGreaterThan(0);
    engine.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openEngine({ path });
    expect(reopened.getWallet(customer).accounts[0]?.available.toString()).toBe(String(n));
    expect(reopened.verify()).toEqual([]);
    reopened.close();
  });
});
