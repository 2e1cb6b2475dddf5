import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/index.js';
import { createApp } from '../../../src/server/app.js';
import { customerOf, fileEngine, HOUR, testClock, uuid, type TestClock } from '../engine/fixture.js';

// A wallet read replays the account's grants (a write) when postings came since the last
// replay. The reply shows balances only, and the replay moves none unless a grant expires:
// so the reply does not wait for a WAL sync, except when an expiry moved a balance.

describe('a wallet read after a write', () => {
  let clock: TestClock;
  let engine: Engine;
  let path: string;
  let cleanup: () => void;
  let other: Database.Database;
  /** WAL syncs of groups, held back until released; syncs done at once, counted. */
  let held: ((error: Error | null) => void)[];
  let syncedNow: number;

  beforeEach(() => {
    clock = testClock();
    ({ engine, path, cleanup } = fileEngine(clock));
    other = new Database(path, { readonly: true });
    const groups = engine.groupCommit();
    const real = groups.wal!;
    held = [];
    syncedNow = 0;
    groups.wal = {
      sync: (done) => held.push(done),
      syncNow: () => {
        syncedNow++;
        real.syncNow();
      },
      release: () => real.release(),
    };
  });
  afterEach(() => {
    for (const done of held) done(null);
    other.close();
    cleanup();
  });

  /** Answers the GET's status and body, or 'held' when no reply came within a second. */
  async function getWallet(customer: string): Promise<{ status: number; available: string } | 'held'> {
    const app = createApp({ engine, requireApiKey: false });
    const reply = app.inject({ method: 'GET', url: `/customers/${customer}/wallet` }).then((res) => ({
      status: res.statusCode,
      available: String(JSON.parse(res.body).accounts[0].available),
    }));
    const timeout = new Promise<'held'>((resolve) => setTimeout(() => resolve('held'), 1000).unref());
    return Promise.race([reply, timeout]);
  }

  /** An adjustment, committed and synced before the read (its group released). */
  async function adjust(customer: string, body: Record<string, unknown>): Promise<void> {
    const groups = engine.groupCommit();
    const mark = groups.mark();
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', ...body });
    const settled = groups.settled(mark);
    await new Promise((resolve) => setImmediate(resolve));
    held.shift()!(null);
    await settled;
  }

  const cursor = () => other.prepare('SELECT through_posting FROM grant_cursors').pluck().get();

  it('answers without waiting for a WAL sync when the replay moves no balance', async () => {
    const customer = customerOf(engine);
    await adjust(customer, { amount: '5', reason: 'gift' });
    await adjust(customer, { amount: '-2', reason: 'correction' });
    expect(cursor()).toBeUndefined();

    expect(await getWallet(customer)).toEqual({ status: 200, available: '3' });
    // The replay committed (another connection sees it), was not synced, and held nothing.
    expect(cursor()).toBeGreaterThan(0);
    expect(held).toHaveLength(0);
    expect(syncedNow).toBe(0);
    expect(engine.verify()).toEqual([]);
  });

  it('syncs before answering when a grant expired: the reply shows the moved balance', async () => {
    const customer = customerOf(engine);
    await adjust(customer, { amount: '5', reason: 'gift', expires_at: new Date(clock().getTime() + HOUR).toISOString() });
    clock.advance(2 * HOUR);

    expect(await getWallet(customer)).toEqual({ status: 200, available: '0' });
    expect(syncedNow).toBe(1);
    expect(other.prepare("SELECT count(*) FROM journal_entries WHERE kind = 'grant_expired'").pluck().get()).toBe(1);
    expect(engine.verify()).toEqual([]);
  });

  it('still waits for a group open before the read: it may show that group’s rows', async () => {
    const customer = customerOf(engine);
    await adjust(customer, { amount: '5', reason: 'gift' });
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
    expect(await getWallet(customer)).toBe('held');
  });
});
