import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fileEngine, readJournal, uuid } from './fixture.js';
import { fund, subscriber, tokenProduct } from './pricing-fixture.js';

describe('fees in the ledger', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function billed() {
    const env = fileEngine();
    cleanup = env.cleanup;
    tokenProduct(env.engine);
    const customer = subscriber(env.engine, ['chat_api']);
    fund(env.engine, customer, 'USD', 5, uuid());
    const ids = [uuid(), uuid(), uuid()];
    env.engine.postEvents({
      customer_id: customer,
      events: [
        { id: ids[0], event_type: 'response_completed', data: { input_tokens: 2_000_000, output_tokens: 500_000 } },
        { id: ids[1], event_type: 'response_completed', data: { input_tokens: 0 } },
        { id: ids[2], event_type: 'other' },
      ],
    });
    return { ...env, customer, ids };
  }

  it('writes one entry per charging event, summed per account, against platform revenue', () => {
    const { engine, path, ids, customer } = billed();
    const journal = readJournal(path);
    expect(journal.map((e) => [e.kind, e.reference, e.rounding])).toEqual([
      ['adjustment', expect.any(String), null],
      ['usage_fees', ids[0], null],
    ]);
    // 2.5 input + 5 output: one posting per account, the fee breakdown stays on the event.
    expect(journal[1].postings).toEqual(['customer:default:USD available -7.5', 'platform:revenue:USD available 7.5']);
    // A zero fee is still a fee (it matched a price) but moves nothing, so it writes no entry.
    expect(engine.getEvent(ids[1]).fees.map((f) => f.amount.toFixed())).toEqual(['0']);
    expect(engine.getAccount(customer, 'default:USD').available.toFixed()).toBe('-2.5');
    expect(engine.verify()).toEqual([]);
  });

  it('verify() finds fees that disagree with their entry, and entries without an event', () => {
    const { engine, path, ids } = billed();
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET fees = replace(fees, '\"amount\":2.5', '\"amount\":2.4') WHERE id = ?").run(ids[0]);
      expect(engine.verify()).toEqual([
        { invariant: 'fees', detail: `event ${ids[0]}: fees charge 7.4 USD but its entry takes 7.5 USD` },
      ]);
      db.prepare('UPDATE events SET entry_id = NULL WHERE id = ?').run(ids[0]);
      expect(engine.verify().map((v) => v.detail)).toEqual([
        `event ${ids[0]}: fees charge 7.4 USD but its entry takes nothing`,
        `usage_fees entry 2 (${ids[0]}) belongs to no event`,
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses to change or delete a stored event', () => {
    const { path } = billed();
    const db = new Database(path);
    try {
      expect(() => db.prepare("UPDATE events SET event_type = 'x'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });
});
