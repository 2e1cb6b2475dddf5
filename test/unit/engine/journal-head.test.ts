import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/store/db.js';
import { openEngine, MIGRATIONS } from '../../../src/engine/index.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { customerOf, tempDir, testClock, uuid } from './fixture.js';

/** The stored head and the journal's last entry, as a second connection sees them. */
function headAndEnd(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const last = db.prepare('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    return {
      head: db.prepare("SELECT value FROM settings WHERE key = 'journal_head'").pluck().get() as string | undefined,
      end: `${last.id} ${last.hash}`,
      trigger: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name = 'journal_entries_head'").pluck().get(),
    };
  } finally {
    db.close();
  }
}

describe('the journal head, written once per write transaction', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function fileEngine(name = 'head.db') {
    const tmp = tempDir();
    const path = join(tmp.dir, name);
    cleanup = tmp.cleanup;
    return { path, dir: tmp.dir };
  }

  it('follows every write without a trigger, one transaction per write', () => {
    const { path } = fileEngine();
    const engine = openEngine({ path, clock: testClock() });
    try {
      const customer = customerOf(engine);
      engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '2', reason: 'gift' });
      const after = headAndEnd(path);
      expect(after.trigger).toBeUndefined();
      expect(after.head).toBe(after.end);
      expect(engine.verify()).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('is written once at the commit of a group, after a write of it rolled back to its savepoint', async () => {
    const { path } = fileEngine();
    const engine = openEngine({ path, clock: testClock() });
    try {
      const customer = customerOf(engine);
      const groups = engine.groupCommit();
      const mark = groups.mark();
      for (let i = 1; i <= 5; i++) engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: String(i), reason: 'gift' });
      // A refused write: its savepoint rolls back, the group goes on.
      expect(() => engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'NOPE', amount: '1', reason: 'gift' })).toThrow(/does not exist/);
      await groups.settled(mark);
      const after = headAndEnd(path);
      expect(after.head).toBe(after.end);
      expect(after.end.startsWith('5 ')).toBe(true);
      expect(engine.verify()).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('is written even by a write made, against the rule, inside a read transaction', () => {
    const { path } = fileEngine();
    const engine = openEngine({ path, clock: testClock() });
    try {
      const customer = customerOf(engine);
      const store = (engine as unknown as { store: { read<T>(fn: () => T): T } }).store;
      store.read(() => engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' }));
      const after = headAndEnd(path);
      expect(after.head).toBe(after.end);
      expect(engine.verify()).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('an old database upgrades in place: the trigger goes, the head stays right, verify still finds a lost last entry', () => {
    const { path } = fileEngine('old.db');
    const clock = testClock();
    const db = openDatabase(path);
    migrate(db, clock, MIGRATIONS.filter((m) => m.version < 23));
    db.exec(`
      INSERT INTO customers (id, name, metadata, created_at) VALUES ('cust_a', 'A', '{}', '2026-01-01T00:00:00.000Z');
      INSERT INTO accounts (seq, customer_id, name, asset, available, created_at) VALUES (1, 'cust_a', 'default', 'USD', '1', '2026-01-01T00:00:00.000Z');
      INSERT INTO accounts (seq, customer_id, name, asset, available, created_at) VALUES (2, NULL, 'corrections', 'USD', '-1', '2026-01-01T00:00:00.000Z');
      INSERT INTO journal_entries (id, kind, reference, created_at) VALUES (1, 'adjustment', 'r1', '2026-01-01T00:00:00.000Z');
      INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (1, 1, 'available', '1'), (1, 2, 'available', '-1');
    `);
    // Schema 29: the head kept by the trigger.
    migrate(db, clock, MIGRATIONS.filter((m) => m.version < 30));
    expect(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'journal_entries_head'").get()).toBeDefined();
    db.close();
    const chain = () => engine.verify().filter((v) => v.invariant === 'chain');
    let engine = openEngine({ path, clock });
    try {
      expect(headAndEnd(path).trigger).toBeUndefined();
      for (let i = 1; i <= 3; i++) engine.createAdjustment('cust_a', { transaction_id: uuid(), asset: 'USD', amount: String(i), reason: 'gift' });
      const upgraded = headAndEnd(path);
      expect(upgraded.head).toBe(upgraded.end);
      expect(upgraded.head?.startsWith('4 ')).toBe(true);
      expect(chain()).toEqual([]);
      const raw = new Database(path);
      try {
        raw.exec('DROP TRIGGER journal_entries_no_delete; DROP TRIGGER journal_postings_no_delete');
        raw.pragma('foreign_keys = OFF');
        const lastId = raw.prepare('SELECT max(id) FROM journal_entries').pluck().get() as number;
        raw.prepare('DELETE FROM journal_postings WHERE entry_id = ?').run(lastId);
        raw.prepare('DELETE FROM journal_entries WHERE id = ?').run(lastId);
      } finally {
        raw.close();
      }
      expect(chain().map((v) => `${v.table} ${v.id}`)).toEqual(['settings journal_head']);
    } finally {
      engine.close();
    }
  });
});
