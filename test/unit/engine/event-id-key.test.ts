import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openEngine, MIGRATIONS } from '../../../src/engine/index.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { eventIdKey, eventIdKeySql } from '../../../src/engine/fees/event-id-key.js';
import { uuidV7 } from '../../../src/pipeline/uuid7.js';
import { memoryEngine, tempDir, testClock, uuid } from './fixture.js';
import { subscriber, videoProduct } from './pricing-fixture.js';

describe('the event-id key (schema 29)', () => {
  it('is the same bytes in JS and SQL, and sorts time-ordered ids by time', () => {
    const db = new Database(':memory:');
    const ids = [uuid(), '00000000-0000-4000-8000-000000000000', uuidV7(new Date(1)), uuidV7(new Date(2 ** 40))];
    for (const id of ids) {
      const sql = db.prepare(`SELECT ${eventIdKeySql('@id')} AS k`).get({ id }) as { k: Buffer };
      expect(sql.k.equals(eventIdKey(id)), id).toBe(true);
      expect(eventIdKey(id)).toHaveLength(8);
    }
    const later = Array.from({ length: 50 }, (_, i) => eventIdKey(uuidV7(new Date(1_700_000_000_000 + i))));
    for (let i = 1; i < later.length; i++) expect(Buffer.compare(later[i - 1]!, later[i]!)).toBe(-1);
    db.close();
  });

  it('decodes a 36-character id as the four slices of its hex digits decode', () => {
    const sliced = (id: string) => Buffer.from(id.slice(0, 8) + id.slice(9, 13) + id.slice(15, 18) + id.slice(20, 21), 'hex');
    const base = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
    const ids = [base, base.toUpperCase(), uuid(), uuidV7(new Date(0)), 'ffffffff-ffff-ffff-ffff-ffffffffffff', '', 'abc', `${base}0`];
    // Each position of the id replaced by a character that is or is not a hex digit.
    for (let at = 0; at < base.length; at++) for (const c of ['0', 'f', 'F', 'g', '-', ':', '@', '`', '/']) ids.push(base.slice(0, at) + c + base.slice(at + 1));
    for (const id of ids) expect(eventIdKey(id).toString('hex'), id).toBe(sliced(id).toString('hex'));
  });

  it('two ids sharing a key are two events; a stored id is found and not billed again', () => {
    const engine = memoryEngine();
    videoProduct(engine);
    const customer = subscriber(engine, ['glitch_video_std']);
    // Same digits 0–11, 13–15 and 17: the same key, different ids.
    const a = '01890a5d-ac96-7b1c-8a1e-000000000001';
    const b = '01890a5d-ac96-7b1c-8a1e-000000000002';
    expect(eventIdKey(a).equals(eventIdKey(b))).toBe(true);
    const post = (id: string) => engine.postEvents({ customer_id: customer, events: [{ id, event_type: 'video_promoted' }] }).events[0]!.status;
    expect([post(a), post(b), post(a), post(b)]).toEqual(['accepted', 'accepted', 'duplicate', 'duplicate']);
    expect(engine.getEvent(b.toUpperCase()).id).toBe(b);
    expect(engine.verify()).toEqual([]);
  });

  it('a second row with a stored id is refused by the database itself', () => {
    const engine = memoryEngine();
    videoProduct(engine);
    const customer = subscriber(engine, ['glitch_video_std']);
    const id = uuid();
    engine.postEvents({ customer_id: customer, events: [{ id, event_type: 'video_promoted' }] });
    const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
    const copy = `INSERT INTO events (id, customer_id, event_type, occurred_at, received_at, data, costs, request_hash, fees, id_key)
      SELECT id, customer_id, event_type, occurred_at, received_at, data, costs, request_hash, fees, id_key FROM events`;
    expect(() => db.exec(copy)).toThrow(/UNIQUE constraint failed: events.id/);
  });

  it('migrating keeps every event, its seq and indexes, and finds the stored ids', () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'old.db');
    const clock = testClock();
    try {
      const db = new Database(path);
      migrate(db, clock, MIGRATIONS.filter((m) => m.version < 29));
      db.exec(`INSERT INTO customers (id, name, metadata, created_at) VALUES ('cust_a', 'A', '{}', '2026-01-01T00:00:00.000Z')`);
      const ids = Array.from({ length: 30 }, () => uuid());
      const insert = db.prepare(`INSERT INTO events (seq, id, customer_id, event_type, occurred_at, received_at, data, costs, request_hash, fees)
        VALUES (?, ?, 'cust_a', 'video_promoted', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '{}', '[]', 'h', '[]')`);
      ids.forEach((id, i) => insert.run(10 + i * 3, id));
      db.close();

      const engine = openEngine({ path, clock });
      try {
        const check = new Database(path, { readonly: true });
        const rows = check.prepare('SELECT seq, id, id_key FROM events ORDER BY seq').all() as { seq: number; id: string; id_key: Buffer }[];
        expect(rows.map((r) => [r.seq, r.id])).toEqual(ids.map((id, i) => [10 + i * 3, id]));
        for (const row of rows) expect(row.id_key.equals(eventIdKey(row.id))).toBe(true);
        const plan = check.prepare('EXPLAIN QUERY PLAN SELECT * FROM events WHERE id_key = ? AND id = ?').all(Buffer.alloc(8), 'x') as { detail: string }[];
        expect(plan.map((p) => p.detail).join()).toContain('events_by_id_key');
        check.close();
        expect(engine.getEvent(ids[7]!).id).toBe(ids[7]);
        // A stored id with another body: a conflict, never a second event.
        const again = engine.postEvents({ customer_id: 'cust_a', events: [{ id: ids[3]!, event_type: 'other' }] });
        expect(again.events[0]!.status).toBe('conflict');
      } finally {
        engine.close();
      }
    } finally {
      cleanup();
    }
  });
});
