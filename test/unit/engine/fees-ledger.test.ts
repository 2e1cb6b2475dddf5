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

  it('writes an entry for the charging events, summed per account, against platform revenue', () => {
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

  it('charges the accepted events of one customer in one request by one entry, each event pointing at it', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    const { engine, path } = env;
    tokenProduct(engine);
    const acme = subscriber(engine, ['chat_api'], 'Acme AI');
    const beta = subscriber(engine, ['chat_api'], 'Beta');
    fund(engine, acme, 'USD', 5, uuid());
    const ids = [uuid(), uuid(), uuid(), uuid(), uuid()];
    const event = (id: string, customer: string, data: Record<string, unknown>) => ({
      id,
      customer_id: customer,
      event_type: 'response_completed',
      data,
    });
    const result = engine.postEvents({
      events: [
        event(ids[0], acme, { input_tokens: 0 }), // a zero fee: no entry, and not the reference
        event(ids[1], acme, { input_tokens: 2_000_000 }), // 2.5
        event(ids[2], beta, { output_tokens: 100_000 }), // 1
        event(ids[3], acme, { output_tokens: 1234 }), // 0.01234
        event(ids[4], beta, { input_tokens: 1 }), // 0.00000125 → 0.000001, rounded
      ],
    });
    expect(result.events.map((e) => e.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    const usage = readJournal(path).filter((e) => e.kind === 'usage_fees');
    expect(usage.map((e) => [e.reference, e.rounding, e.postings])).toEqual([
      [ids[1], null, ['customer:default:USD available -2.51234', 'platform:revenue:USD available 2.51234']],
      [ids[2], 'half_up', ['customer:default:USD available -1.000001', 'platform:revenue:USD available 1.000001']],
    ]);
    const db = new Database(path, { readonly: true });
    try {
      const entryOf = (id: string) => (db.prepare('SELECT entry_id FROM events WHERE id = ?').get(id) as { entry_id: number | null }).entry_id;
      expect(ids.map(entryOf)).toEqual([null, usage[0].id, usage[1].id, usage[0].id, usage[1].id]);
    } finally {
      db.close();
    }
    expect(engine.getAccount(acme, 'default:USD').available.toFixed()).toBe('2.48766');
    expect(engine.getAccount(beta, 'default:USD').available.toFixed()).toBe('-1.000001');
    // The statement: one line per request and account, summed.
    const lines = engine.listTransactions(acme, { type: 'usage_fees' }).items;
    expect(lines.map((l) => [l.reference, l.amount.toFixed(), l.balance.toFixed()])).toEqual([[ids[1], '-2.51234', '2.48766']]);
    // A replay charges nothing more and answers the original fees.
    const again = engine.postEvents({ events: [event(ids[3], acme, { output_tokens: 1234 })] });
    expect(again.events[0]).toMatchObject({ status: 'duplicate', fees: [{ amount: expect.anything() }] });
    expect(again.events[0].fees[0].amount.toFixed()).toBe('0.01234');
    expect(engine.getAccount(acme, 'default:USD').available.toFixed()).toBe('2.48766');
    expect(engine.verify()).toEqual([]);
  });

  it('verify() finds the fees of an entry’s events that disagree with what it took', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    const { engine, path } = env;
    tokenProduct(engine);
    const customer = subscriber(engine, ['chat_api']);
    const ids = [uuid(), uuid()];
    engine.postEvents({
      customer_id: customer,
      events: ids.map((id) => ({ id, event_type: 'response_completed', data: { input_tokens: 2_000_000 } })),
    });
    const entry = readJournal(path).find((e) => e.kind === 'usage_fees');
    expect(entry?.postings).toEqual(['customer:default:USD available -5', 'platform:revenue:USD available 5']);
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET fees = replace(fees, '\"USD\",\"2.5\"', '\"USD\",\"2.4\"') WHERE id = ?").run(ids[1]);
      expect(engine.verify()).toEqual([
        {
          invariant: 'fees',
          table: 'journal_entries',
          id: String(entry?.id),
          detail: `entry ${entry?.id}: the fees of its 2 events charge 4.9 USD but it takes 5 USD`,
        },
      ]);
      // An entry must name one of its own events.
      db.prepare('UPDATE events SET entry_id = NULL WHERE id = ?').run(ids[0]);
      expect(engine.verify().map((v) => v.detail)).toEqual([
        `event ${ids[0]}: fees charge 2.5 USD but its entry takes nothing`,
        `event ${ids[1]} points at entry ${entry?.id}, which is for ${ids[0]}`,
        `event ${ids[1]}: fees charge 2.4 USD but its entry takes 5 USD`,
      ]);
    } finally {
      db.close();
    }
  });

  it('verify() finds fees that disagree with their entry, and entries without an event', () => {
    const { engine, path, ids } = billed();
    const db = new Database(path);
    try {
      db.exec('DROP TRIGGER events_no_update');
      db.prepare("UPDATE events SET fees = replace(fees, '\"USD\",\"2.5\"', '\"USD\",\"2.4\"') WHERE id = ?").run(ids[0]);
      expect(engine.verify()).toEqual([
        { invariant: 'fees', table: 'events', id: ids[0], detail: `event ${ids[0]}: fees charge 7.4 USD but its entry takes 7.5 USD` },
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
