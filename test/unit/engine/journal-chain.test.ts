import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/store/db.js';
import { openEngine, MIGRATIONS } from '../../../src/engine/index.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { customerOf, tempDir, testClock, uuid } from './fixture.js';

const chainOf = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      hashes: db.prepare('SELECT hash FROM journal_entries ORDER BY id').pluck().all() as (string | null)[],
      head: db.prepare("SELECT value FROM settings WHERE key = 'journal_head'").pluck().get() as string | undefined,
    };
  } finally {
    db.close();
  }
};

describe('the journal hash chain', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('backfills the chain of a database written before it, and carries it on', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'old.db');
    const clock = testClock();
    const db = openDatabase(path);
    migrate(db, clock, MIGRATIONS.filter((m) => m.version < 23));
    db.exec(`
      INSERT INTO customers (id, name, metadata, created_at) VALUES ('cust_a', 'A', '{}', '2026-01-01T00:00:00.000Z');
      INSERT INTO accounts (seq, customer_id, name, asset, available, created_at) VALUES (1, 'cust_a', 'default', 'USD', '3', '2026-01-01T00:00:00.000Z');
      INSERT INTO accounts (seq, customer_id, name, asset, available, created_at) VALUES (2, NULL, 'corrections', 'USD', '-3', '2026-01-01T00:00:00.000Z');
      INSERT INTO journal_entries (id, kind, reference, created_at) VALUES (1, 'adjustment', 'r1', '2026-01-01T00:00:00.000Z');
      INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (1, 1, 'available', '1'), (1, 2, 'available', '-1');
      INSERT INTO journal_entries (id, kind, reference, created_at) VALUES (2, 'adjustment', 'r2', '2026-01-01T00:00:00.000Z');
      INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (2, 1, 'available', '2'), (2, 2, 'available', '-2');
    `);
    db.close();
    const engine = openEngine({ path, clock });
    try {
      const backfilled = chainOf(path);
      expect(backfilled.hashes.every((h) => /^[0-9a-f]{64}$/.test(h ?? ''))).toBe(true);
      expect(backfilled.head).toBe(`2 ${backfilled.hashes[1]}`);
      engine.createAdjustment('cust_a', { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'correction' });
      const after = chainOf(path);
      expect(after.head?.startsWith('3 ')).toBe(true);
      const chain = (e: typeof engine) => e.verify().filter((v) => v.invariant === 'chain');
      expect(chain(engine)).toEqual([]);
      // The two hand-written entries have no adjustment rows; only they are reported, not the chain.
      expect(engine.verify().map((v) => v.invariant)).toEqual(['adjustments', 'adjustments']);
    } finally {
      engine.close();
    }
  });

  it('reports the first broken link and how many follow, and a head that lost the last entry', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'chain.db');
    const engine = openEngine({ path, clock: testClock() });
    try {
      const customer = customerOf(engine);
      for (let i = 1; i <= 5; i++) engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: String(i), reason: 'gift' });
      expect(engine.verify()).toEqual([]);
      const db = new Database(path);
      try {
        db.exec('DROP TRIGGER journal_entries_no_update; DROP TRIGGER journal_entries_no_delete');
        db.prepare("UPDATE journal_entries SET created_at = '2020-01-01T00:00:00.000Z' WHERE id IN (2, 4)").run();
        db.pragma('foreign_keys = OFF');
        const chain = () => engine.verify().filter((v) => v.invariant === 'chain');
        expect(chain()).toEqual([
          expect.objectContaining({ table: 'journal_entries', id: '2', detail: expect.stringMatching(/first broken link\); 1 more broken after it$/) }),
        ]);
        db.prepare('DELETE FROM journal_entries WHERE id = 5').run();
        expect(chain().map((v) => `${v.table} ${v.id}`)).toEqual(['journal_entries 2', 'settings journal_head']);
      } finally {
        db.close();
      }
    } finally {
      engine.close();
    }
  });
});
