import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommitFailed, openEngine, type Engine } from '../../../src/engine/index.js';
import { createApp } from '../../../src/server/app.js';
import { customerOf, engineError, tempDir, testClock, uuid } from '../engine/fixture.js';

// Group commit (docs/ledger.md): the writes of one event-loop turn share one transaction;
// every reply waits for that transaction's COMMIT.

const adjustment = (extra: Record<string, unknown> = {}) => ({
  transaction_id: uuid(),
  asset: 'USD',
  amount: '5',
  reason: 'gift',
  ...extra,
});

describe('group commit', () => {
  let dir: { dir: string; cleanup: () => void };
  let path: string;
  let engine: Engine;
  /** A second connection: sees only what is committed. */
  let other: Database.Database;
  const committed = (id: string) => other.prepare('SELECT 1 FROM adjustments WHERE id = ?').get(id) !== undefined;

  beforeEach(() => {
    dir = tempDir();
    path = join(dir.dir, 'ledger.db');
    engine = openEngine({ path, clock: testClock() });
    other = new Database(path, { readonly: true });
  });
  afterEach(() => {
    other.close();
    engine.close();
    dir.cleanup();
  });

  it('runs each write as a savepoint of one transaction: a failing write rolls back only itself', async () => {
    const customer = customerOf(engine);
    const groups = engine.groupCommit();
    const mark = groups.mark();
    const first = engine.createAdjustment(customer, adjustment());
    const key = adjustment();
    engine.createAdjustment(customer, key);
    // Same key, different body: refused inside the group, after the lookup.
    engineError(() => engine.createAdjustment(customer, { ...key, amount: '6' }), 409, 'idempotency_conflict');
    // A write that fails half-way (an unknown asset after the customer check) leaves nothing.
    engineError(() => engine.createAdjustment(customer, adjustment({ asset: 'NOPE' })), 422);
    const third = engine.createAdjustment(customer, adjustment());
    expect(groups.pending).toBe(true);
    // Not committed yet: another connection does not see any of it.
    expect(committed(first.id)).toBe(false);
    await groups.settled(mark);
    expect([first.id, key.transaction_id, third.id].map(committed)).toEqual([true, true, true]);
    expect(engine.getWallet(customer).accounts[0].available.toFixed()).toBe('15');
    expect(engine.verify()).toEqual([]);
  });

  it('keeps entry ids gapless when a write rolls back after writing its journal entry', async () => {
    const customer = customerOf(engine);
    const groups = engine.groupCommit();
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    // Refuses the adjustment row, which is written after the entry and its postings.
    db.exec(
      "CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON adjustments WHEN NEW.description = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END",
    );
    const mark = groups.mark();
    engine.createAdjustment(customer, adjustment());
    expect(() => engine.createAdjustment(customer, adjustment({ description: 'boom' }))).toThrow(/boom/);
    engine.createAdjustment(customer, adjustment());
    await groups.settled(mark);
    engine.createAdjustment(customer, adjustment());
    expect(() => engine.createAdjustment(customer, adjustment({ description: 'boom' }))).toThrow(/boom/);
    await groups.settled(groups.mark());
    expect(other.prepare('SELECT id FROM journal_entries ORDER BY id').all()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(engine.getWallet(customer).accounts[0].available.toFixed()).toBe('15');
    expect(engine.verify()).toEqual([]);
  });

  it('holds every reply of the group until COMMIT, and answers all of them 503 when it fails', async () => {
    const customer = customerOf(engine);
    const app = createApp({ engine, requireApiKey: false });
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    let sabotage = false;
    // The first request of the sabotaged turn also writes a row the deferred foreign key
    // check refuses at COMMIT: the whole group must fail, and nothing of it be applied.
    app.addHook('preHandler', async () => {
      if (!sabotage) return;
      sabotage = false;
      db.pragma('defer_foreign_keys = ON');
      (engine as unknown as { store: { write(fn: () => void): void } }).store.write(() => {
        db.prepare("INSERT INTO accounts (customer_id, name, asset, created_at) VALUES ('cust_missing', 'x', 'USD', 'now')").run();
      });
    });
    const post = (body: unknown) =>
      app.inject({ method: 'POST', url: `/customers/${customer}/wallet/adjustments`, payload: body as object });

    // A healthy group: every reply comes after its write is visible to another connection.
    const bodies = Array.from({ length: 8 }, () => adjustment());
    const groups = engine.groupCommit();
    const before = groups.stats.groups;
    const answers = await Promise.all(
      bodies.map((b) =>
        post(b).then((res) => {
          expect(res.statusCode).toBe(201);
          expect(committed(b.transaction_id)).toBe(true);
          return res;
        }),
      ),
    );
    expect(answers).toHaveLength(8);
    expect(groups.stats.groups - before).toBeLessThan(8);

    // A failed commit: every held reply is a 503 problem and none of the writes is in the file.
    sabotage = true;
    const doomed = Array.from({ length: 4 }, () => adjustment());
    const failed = await Promise.all(doomed.map(post));
    for (const res of failed) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body).code).toBe('internal_error');
    }
    expect(doomed.map((b) => committed(b.transaction_id))).toEqual([false, false, false, false]);
    expect(groups.stats.failed).toBe(1);

    // The same requests again (what the client's retry does) apply once.
    const retried = await Promise.all(doomed.map(post));
    expect(retried.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(engine.getWallet(customer).accounts[0].available.toFixed()).toBe('60');
    expect(engine.verify()).toEqual([]);
    await app.close();
  });

  it('a group failure is reported to callers that marked before it', async () => {
    const customer = customerOf(engine);
    const groups = engine.groupCommit();
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    const mark = groups.mark();
    const a = engine.createAdjustment(customer, adjustment());
    db.pragma('defer_foreign_keys = ON');
    db.prepare("INSERT INTO accounts (customer_id, name, asset, created_at) VALUES ('cust_missing', 'x', 'USD', 'now')").run();
    await expect(groups.settled(mark)).rejects.toBeInstanceOf(CommitFailed);
    expect(committed(a.id)).toBe(false);
    expect(groups.pending).toBe(false);
    // The engine carries on: the next write opens a new group and commits.
    const next = groups.mark();
    const b = engine.createAdjustment(customer, adjustment());
    await groups.settled(next);
    expect(committed(b.id)).toBe(true);
  });

  it('syncs the WAL off the event loop: no reply before its group is synced, and groups settle in order', async () => {
    const customer = customerOf(engine);
    const groups = engine.groupCommit();
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    // The connection no longer syncs at COMMIT; the groups do, before answering.
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    const real = groups.wal!;
    const held: ((error: Error | null) => void)[] = [];
    groups.wal = { sync: (done) => held.push(done), syncNow: () => real.syncNow(), release: () => real.release() };
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

    const firstMark = groups.mark();
    const first = engine.createAdjustment(customer, adjustment());
    let firstDone = false;
    const firstSettled = groups.settled(firstMark).then(() => (firstDone = true));
    await turn();
    // Committed (another connection sees it) but not synced: not settled.
    expect(committed(first.id)).toBe(true);
    expect(held).toHaveLength(1);
    expect(groups.pending).toBe(true);

    // The next turn's group commits while the first still syncs.
    const secondMark = groups.mark();
    const second = engine.createAdjustment(customer, adjustment());
    let secondDone = false;
    const secondSettled = groups.settled(secondMark).then(() => (secondDone = true));
    await turn();
    expect(committed(second.id)).toBe(true);
    expect(held).toHaveLength(2);

    // The second sync ends first: its replies still wait for the first group.
    held[1]!(null);
    await turn();
    expect([firstDone, secondDone]).toEqual([false, false]);
    held[0]!(null);
    await Promise.all([firstSettled, secondSettled]);
    expect([firstDone, secondDone]).toEqual([true, true]);
    expect(groups.pending).toBe(false);

    // A failed sync answers its group as not applied (CommitFailed, a 503 over HTTP).
    const thirdMark = groups.mark();
    engine.createAdjustment(customer, adjustment());
    const third = groups.settled(thirdMark);
    await turn();
    held[2]!(new Error('EIO: i/o error, fsync'));
    await expect(third).rejects.toBeInstanceOf(CommitFailed);
    groups.wal = real;
  });

  it('forgets accounts and customers remembered inside a group that failed to commit', async () => {
    const groups = engine.groupCommit();
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    // Customer and account are both made inside the group that fails.
    const mark = groups.mark();
    const customer = customerOf(engine);
    const lost = adjustment({ account_name: 'fresh', asset: 'EUR' });
    engine.createAdjustment(customer, lost);
    db.pragma('defer_foreign_keys = ON');
    db.prepare("INSERT INTO accounts (customer_id, name, asset, created_at) VALUES ('cust_missing', 'x', 'USD', 'now')").run();
    await expect(groups.settled(mark)).rejects.toBeInstanceOf(CommitFailed);
    expect(committed(lost.transaction_id)).toBe(false);
    // Neither is in the file: the same adjustment is refused for the customer, not posted
    // to an account that no longer exists.
    engineError(() => engine.createAdjustment(customer, lost), 404, 'not_found');
    const again = customerOf(engine);
    const next = groups.mark();
    const applied = engine.createAdjustment(again, { ...lost, transaction_id: uuid() });
    await groups.settled(next);
    expect(committed(applied.id)).toBe(true);
    expect(engine.getWallet(again).accounts.map((a) => [a.id, a.available.toFixed()])).toEqual([['fresh:EUR', '5']]);
    expect(engine.verify()).toEqual([]);
  });
});
