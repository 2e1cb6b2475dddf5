import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../src/engine/index.js';
import { customerOf, HOUR, testClock, uuid } from './fixture.js';

// A wallet read that has nothing to write runs its statements in one read transaction:
// outside one, every statement begins and ends a read transaction of its own, which costs
// more than the statement (docs/decisions.md, "A wallet read does not wait…").

/** Records, for every statement run from now on, whether a transaction was open. */
function watchStatements(engine: Engine): { outside: string[] } {
  const db = (engine as unknown as { store: { db: Database.Database } }).store.db;
  const seen = { outside: [] as string[] };
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['get', 'all', 'run'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (!db.inTransaction && !/^(BEGIN|COMMIT|ROLLBACK)/.test(sql)) seen.outside.push(sql.replace(/\s+/g, ' ').slice(0, 60));
        return original(...args);
      };
    }
    return statement;
  }) as typeof db.prepare;
  return seen;
}

describe('a wallet read with nothing to write', () => {
  it('runs every statement inside one read transaction', () => {
    const engine = openEngine({ path: ':memory:', clock: testClock() });
    const seen = watchStatements(engine);
    const customer = customerOf(engine);
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '5', reason: 'gift' });
    engine.getWallet(customer); // replays the grants: writes
    seen.outside.length = 0;

    expect(engine.getWallet(customer).accounts.map((a) => a.available.toFixed())).toEqual(['5']);
    expect(engine.getAccount(customer, 'default:usd').available.toFixed()).toBe('5');
    expect(seen.outside).toEqual([]);
    engine.close();
  });

  it('still writes what is due: a lapsed hold expires on the read', () => {
    const clock = testClock();
    const engine = openEngine({ path: ':memory:', clock });
    const customer = customerOf(engine);
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '5', reason: 'gift' });
    const expiresAt = new Date(clock().getTime() + HOUR).toISOString();
    engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '2', expires_at: expiresAt });
    expect(engine.getWallet(customer).accounts[0]?.pending_out.toFixed()).toBe('2');
    clock.advance(2 * HOUR);
    expect(engine.getWallet(customer).accounts[0]?.pending_out.toFixed()).toBe('0');
    expect(engine.verify()).toEqual([]);
    engine.close();
  });
});
