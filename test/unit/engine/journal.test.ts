import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import { customerOf, fileEngine, readJournal, testClock, topUpBody, uuid } from './fixture.js';

describe('journal', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function funded() {
    const env = fileEngine();
    cleanup = env.cleanup;
    const customer = customerOf(env.engine);
    for (const amount of ['10', '-2.5', '0.000001']) {
      env.engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount, reason: 'correction' });
    }
    return { ...env, customer };
  }

  it('writes one balanced entry per change, with gapless ids', () => {
    const { path } = funded();
    const journal = readJournal(path);
    expect(journal.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(journal[1]).toMatchObject({ kind: 'adjustment', rounding: null });
    expect(journal[1].postings).toEqual([
      'customer:default:USD available -2.5',
      'platform:corrections:USD available 2.5',
    ]);
  });

  it('rejects UPDATE and DELETE of journal, rate and adjustment rows', () => {
    const { engine, path } = funded();
    engine.createAsset({ code: 'CR', name: 'Credits', precision: 2, rates: [{ source: 'USD', rate: '0.03' }] });
    const db = new Database(path);
    try {
      expect(() => db.prepare("UPDATE journal_entries SET kind = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM journal_entries').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE journal_postings SET amount = '1'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM journal_postings').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE rates SET value = '1'").run()).toThrow(/never edited/);
      expect(() => db.prepare('DELETE FROM rates').run()).toThrow(/never deleted/);
      expect(db.prepare('SELECT count(*) AS n FROM rates').get()).toEqual({ n: 1 });
      expect(() => db.prepare('DELETE FROM adjustments').run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });

  it('verify() finds a tampered balance, an unbalanced entry and a gap', () => {
    const { engine, path } = funded();
    expect(engine.verify()).toEqual([]);
    const db = new Database(path);
    try {
      db.prepare("UPDATE accounts SET available = '100' WHERE name = 'default'").run();
      expect(engine.verify().map((v) => v.invariant)).toEqual(['replay']);
      db.prepare("INSERT INTO journal_entries (id, kind, reference, created_at) VALUES (7, 'adjustment', 'forged', '2026-01-01T00:00:00.000Z')").run();
      db.prepare("INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (7, 1, 'pending_in', '5')").run();
      const found = engine.verify();
      expect(found.map((v) => v.invariant).sort()).toEqual(
        ['adjustments', 'chain', 'chain', 'conservation', 'entry_balance', 'gapless', 'replay', 'replay'].sort(),
      );
      expect(found.find((v) => v.invariant === 'adjustments')).toMatchObject({ table: 'journal_entries', id: '7' });
      expect(found.find((v) => v.invariant === 'conservation')?.detail).toBe('USD postings sum to 5');
    } finally {
      db.close();
    }
  });

  it('verify() finds pending_in that no open top-up explains', () => {
    const { engine, path, customer } = funded();
    engine.createTopUp(topUpBody(customer));
    expect(engine.verify()).toEqual([]);
    const db = new Database(path);
    try {
      db.prepare("UPDATE top_ups SET status = 'failed'").run();
    } finally {
      db.close();
    }
    const found = engine.verify();
    expect(found).toContainEqual({
      invariant: 'pending_in',
      table: 'accounts',
      id: '1',
      detail: `${customer} default:USD pending_in is 10 but open top-ups sum to 0`,
    });
    // The status disagrees with the journal, which has no entry failing it.
    expect(found.filter((v) => v.invariant === 'top_ups').map((v) => v.table)).toEqual(['top_ups', 'top_ups']);
  });

  it('stays sound with two engines writing to one file (serve and the CLI at once)', () => {
    const { engine, path, customer } = funded();
    const other = openEngine({ path, clock: testClock() });
    try {
      for (let i = 0; i < 20; i++) {
        const writer = i % 2 === 0 ? engine : other;
        writer.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1.5', reason: 'gift' });
        const topUp = writer.createTopUp(topUpBody(customer));
        (i % 3 === 0 ? other : engine).completeTopUp(topUp.id);
      }
      expect(other.verify()).toEqual([]);
      expect(engine.verify()).toEqual([]);
      expect(readJournal(path).map((e) => e.id)).toEqual(Array.from({ length: 63 }, (_, i) => i + 1));
    } finally {
      other.close();
    }
  });
});
