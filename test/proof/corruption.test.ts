import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Violation } from '../../src/engine/index.js';
import { buildLedger, type Built } from './corruption-fixture.js';

/**
 * One-row edits of anything that states money, each applied to a copy of a real ledger
 * with every trigger dropped first (as someone editing the file by hand can): `verify`
 * must fail and name the row. The row named is the edited one, or for a deleted row the
 * journal entry left without it. With the triggers in place, each edit is refused.
 */
interface Edit {
  name: string;
  sql: (b: Built, q: Query) => string[];
  /** The row verify must name: table and id. */
  names: (b: Built, q: Query) => { table: string; id: string };
}

type Query = (sql: string, ...args: unknown[]) => unknown;

const seqOf = (q: Query, customer: string | null, name = 'default', asset = 'USD') =>
  String(q("SELECT seq FROM accounts WHERE ifnull(customer_id, '') = ? AND name = ? AND asset = ?", customer ?? '', name, asset));
const entryOf = (q: Query, kind: string, reference: string) =>
  String(q('SELECT id FROM journal_entries WHERE kind = ? AND reference = ?', kind, reference));
const grantOf = (q: Query, source: string) => String(q('SELECT id FROM grants WHERE source_id = ?', source));

const EDITS: Edit[] = [
  {
    name: "an account's customer changed (its money moves to someone else)",
    sql: (b, q) => [`UPDATE accounts SET customer_id = '${b.gamma}' WHERE seq = ${seqOf(q, b.acme)}`],
    names: (b, q) => ({ table: 'accounts', id: seqOf(q, b.acme) }),
  },
  {
    name: "a platform account's name changed (charges become corrections)",
    sql: (b, q) => [`UPDATE accounts SET name = 'corrections' WHERE seq = ${seqOf(q, null, 'charges')}`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.charge }),
  },
  {
    name: "a completed top-up's amount ×1000",
    sql: (b) => [`UPDATE top_ups SET amount = '10000' WHERE id = '${b.topUps.completed}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.completed }),
  },
  {
    name: "a completed top-up's quantity ×1000",
    sql: (b) => [`UPDATE top_ups SET quantity = '10000' WHERE id = '${b.topUps.completed}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.completed }),
  },
  {
    name: 'a completed top-up turned failed',
    sql: (b) => [`UPDATE top_ups SET status = 'failed' WHERE id = '${b.topUps.completed}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.completed }),
  },
  {
    name: "a failed top-up's amount ×1000 (it never posted its amount)",
    sql: (b) => [`UPDATE top_ups SET amount = '7000' WHERE id = '${b.topUps.failed}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.failed }),
  },
  {
    name: 'an open top-up marked completed',
    sql: (b) => [`UPDATE top_ups SET status = 'completed', resolved_at = '${b.now}' WHERE id = '${b.topUps.open}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.open }),
  },
  {
    name: 'an expired top-up reopened',
    sql: (b) => [`UPDATE top_ups SET status = 'initiated', resolved_at = NULL WHERE id = '${b.topUps.expired}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.expired }),
  },
  {
    name: "a converted top-up's rounding flag flipped",
    sql: (b) => [`UPDATE top_ups SET rounded = 1 WHERE id = '${b.topUps.converted}'`],
    names: (b) => ({ table: 'top_ups', id: b.topUps.converted }),
  },
  {
    name: "an adjustment's amount ×1000",
    sql: (b) => [`UPDATE adjustments SET amount = '123000' WHERE id = '${b.adjustments.topup}'`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.topup }),
  },
  {
    name: 'an adjustment deleted',
    sql: (b) => [`DELETE FROM adjustments WHERE id = '${b.adjustments.charge}'`],
    names: (b, q) => ({ table: 'journal_entries', id: entryOf(q, 'adjustment', b.adjustments.charge) }),
  },
  {
    name: "an adjustment's customer changed",
    sql: (b) => [`UPDATE adjustments SET customer_id = '${b.beta}' WHERE id = '${b.adjustments.topup}'`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.topup }),
  },
  {
    name: "an adjustment's reason changed (gift to promotion: the same platform account)",
    sql: (b) => [`UPDATE adjustments SET reason = 'promotion' WHERE id = '${b.adjustments.gift}'`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.gift }),
  },
  {
    name: "an adjustment's reason changed (external_refund to charge)",
    sql: (b) => [`UPDATE adjustments SET reason = 'charge' WHERE id = '${b.adjustments.refund}'`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.refund }),
  },
  {
    name: "an adjustment's metadata changed",
    sql: (b) => [`UPDATE adjustments SET metadata = '{"po":"8"}' WHERE id = '${b.adjustments.topup}'`],
    names: (b) => ({ table: 'adjustments', id: b.adjustments.topup }),
  },
  {
    name: "a captured hold's captured_amount changed",
    sql: (b) => [`UPDATE holds SET captured_amount = '0.5' WHERE id = '${b.holds.captured}'`],
    names: (b) => ({ table: 'holds', id: b.holds.captured }),
  },
  {
    name: 'a captured hold turned voided',
    sql: (b) => [`UPDATE holds SET status = 'voided', captured_amount = NULL WHERE id = '${b.holds.captured}'`],
    names: (b) => ({ table: 'holds', id: b.holds.captured }),
  },
  {
    name: "a pending hold's amount changed",
    sql: (b) => [`UPDATE holds SET amount = '0.01' WHERE id = '${b.holds.pending}'`],
    names: (b) => ({ table: 'holds', id: b.holds.pending }),
  },
  {
    name: 'an expired hold reopened',
    sql: (b) => [`UPDATE holds SET status = 'pending', resolved_at = NULL WHERE id = '${b.holds.expired}'`],
    names: (b) => ({ table: 'holds', id: b.holds.expired }),
  },
  {
    name: "a grant's expires_at pushed to 2099",
    sql: (b) => [`UPDATE grants SET expires_at = '2099-01-01T00:00:00.000Z' WHERE source_id = '${b.topUps.converted}'`],
    names: (b, q) => ({ table: 'grants', id: grantOf(q, b.topUps.converted) }),
  },
  {
    name: "a grant's purpose changed",
    sql: (b) => [`UPDATE grants SET purpose = 'paid' WHERE source_id = '${b.adjustments.gift}'`],
    names: (b, q) => ({ table: 'grants', id: grantOf(q, b.adjustments.gift) }),
  },
  {
    name: "a grant's remaining raised",
    sql: (b) => [`UPDATE grants SET remaining = '100' WHERE source_id = '${b.adjustments.topup}'`],
    names: (b, q) => ({ table: 'grants', id: grantOf(q, b.adjustments.topup) }),
  },
  {
    name: "a grant's overdraft forgiven",
    sql: (b, q) => [`UPDATE grant_cursors SET debt = '0' WHERE account_seq = ${seqOf(q, b.beta)}`, `UPDATE grant_cursors SET debt = '9' WHERE account_seq = ${seqOf(q, b.acme)}`],
    names: (b, q) => ({ table: 'grant_cursors', id: seqOf(q, b.acme) }),
  },
  {
    name: "an event's entry cleared",
    sql: (b) => [`UPDATE events SET entry_id = NULL WHERE id = '${b.events[2]}'`],
    names: (b) => ({ table: 'events', id: b.events[2] }),
  },
  {
    name: "an event's id key changed (no lookup by id finds it)",
    sql: (b) => [`UPDATE events SET id_key = x'0000000000000000' WHERE id = '${b.events[2]}'`],
    names: (b) => ({ table: 'events', id: b.events[2] }),
  },
  {
    name: "an event's customer changed",
    sql: (b) => [`UPDATE events SET customer_id = '${b.acme}' WHERE id = '${b.events[2]}'`],
    names: (b) => ({ table: 'events', id: b.events[2] }),
  },
  {
    name: "a journal entry's kind changed",
    sql: (b, q) => [`UPDATE journal_entries SET kind = 'top_up_failed' WHERE id = ${entryOf(q, 'top_up_completed', b.topUps.completed)}`],
    names: (b, q) => ({ table: 'journal_entries', id: entryOf(q, 'top_up_completed', b.topUps.completed) }),
  },
  {
    name: "a journal entry's created_at changed",
    sql: (b, q) => [`UPDATE journal_entries SET created_at = '2025-01-01T00:00:00.000Z' WHERE id = ${entryOf(q, 'adjustment', b.adjustments.gift)}`],
    names: (b, q) => ({ table: 'journal_entries', id: entryOf(q, 'adjustment', b.adjustments.gift) }),
  },
  {
    name: "a journal entry's reference changed",
    sql: (b, q) => [`UPDATE journal_entries SET reference = 'x' WHERE id = ${entryOf(q, 'hold_voided', b.holds.voided)}`],
    names: (b, q) => ({ table: 'journal_entries', id: entryOf(q, 'hold_voided', b.holds.voided) }),
  },
  {
    name: "a posting's amount changed",
    sql: (b, q) => [`UPDATE journal_postings SET amount = '1' WHERE entry_id = ${entryOf(q, 'hold_captured', b.holds.captured)} AND bucket = 'available' AND amount = '-3.5'`],
    names: (b, q) => ({ table: 'journal_entries', id: entryOf(q, 'hold_captured', b.holds.captured) }),
  },
  {
    name: 'the last journal entry deleted',
    sql: () => ['DELETE FROM journal_entries WHERE id = (SELECT max(id) FROM journal_entries)'],
    names: () => ({ table: 'settings', id: 'journal_head' }),
  },
  {
    name: 'an extra row in api_keys',
    sql: (b) => [`INSERT INTO api_keys (key_hash, prefix, created_at) VALUES ('${'ab'.repeat(32)}', 'key_local_abcdef…', '${b.now}')`],
    names: () => ({ table: 'api_keys', id: '2' }),
  },
  {
    name: "an API key's hash replaced (another key let in)",
    sql: () => [`UPDATE api_keys SET key_hash = '${'cd'.repeat(32)}' WHERE seq = 1`],
    names: () => ({ table: 'api_keys', id: '1' }),
  },
];

describe('verify catches one-row edits of anything that states money', () => {
  let built: Built;
  beforeAll(() => {
    built = buildLedger();
  });
  afterAll(() => built?.cleanup());

  function verifyCopy(name: string, edit?: (db: Database.Database) => void): Violation[] {
    const copy = join(built.dir, `${name}.db`);
    copyFileSync(built.path, copy);
    if (edit) {
      const db = new Database(copy);
      // As the sqlite3 shell opens a file: foreign keys are not enforced.
      db.pragma('foreign_keys = OFF');
      try {
        edit(db);
      } finally {
        db.close();
      }
    }
    const engine = openEngine({ path: copy, clock: () => new Date(built.now) });
    try {
      return engine.verifyReport().violations;
    } finally {
      engine.close();
    }
  }

  it('the ledger as built verifies clean', () => {
    expect(verifyCopy('clean')).toEqual([]);
  });

  it(`has at least 20 distinct edits (${EDITS.length})`, () => {
    expect(new Set(EDITS.map((e) => e.name)).size).toBe(EDITS.length);
    expect(EDITS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(EDITS.map((e, i) => [i, e.name] as const))('edit %i: %s', (i) => {
    const edit = EDITS[i];
    let target: { table: string; id: string } | undefined;
    const violations = verifyCopy(`edit-${i}`, (db) => {
      const q: Query = (sql, ...args) => db.prepare(sql).pluck().get(...args);
      for (const name of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all()) {
        db.exec(`DROP TRIGGER "${String(name)}"`);
      }
      target = edit.names(built, q);
      for (const sql of edit.sql(built, q)) {
        const { changes } = db.prepare(sql).run();
        expect(changes, sql).toBeGreaterThan(0);
      }
    });
    expect(violations.length, 'verify found nothing').toBeGreaterThan(0);
    expect(violations.map((v) => `${v.table} ${v.id}`), JSON.stringify(violations, null, 1)).toContain(`${target?.table} ${target?.id}`);
  });

  it('with the triggers in place, every edit is refused but an insert and the columns the engine itself moves', () => {
    const passed: string[] = [];
    verifyCopy('triggers', (db) => {
      const q: Query = (sql, ...args) => db.prepare(sql).pluck().get(...args);
      for (const edit of EDITS) {
        const statements = edit.sql(built, q);
        try {
          db.transaction(() => statements.forEach((sql) => db.prepare(sql).run()))();
          passed.push(edit.name);
        } catch (error) {
          expect(String(error)).toMatch(/immutable|never|append-only/);
        }
      }
    });
    // The engine resolves open top-ups, draws live grants and cursors down, and writes by
    // inserting: only verify catches these.
    expect(passed).toEqual([
      'an open top-up marked completed',
      "a grant's remaining raised",
      "a grant's overdraft forgiven",
      'an extra row in api_keys',
    ]);
  });
});
