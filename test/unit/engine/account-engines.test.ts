import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountEngines, accountDbPath, openEngine, type Engine } from '../../../src/engine/index.js';
import { tempDir, testClock, uuid } from './fixture.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close();
});

function platform(path = ':memory:') {
  const clock = testClock();
  const engine = openEngine({ path, clock, allowInsecureWebhooks: true });
  const accounts = new AccountEngines(engine);
  closers.push(() => engine.close(), () => accounts.close());
  return { engine, accounts, clock };
}

function credit(engine: Engine) {
  const customer = engine.createCustomer({ name: 'Acme' }).id;
  engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: 1, reason: 'gift' });
}

describe('AccountEngines', () => {
  it('opens an account database beside the platform file, once, on the platform clock', () => {
    const tmp = tempDir();
    closers.push(tmp.cleanup);
    const path = join(tmp.dir, 'ledger.db');
    const { engine, accounts, clock } = platform(path);
    const id = engine.accounts.create({ name: 'A' }).id;
    expect(accounts.engineFor('acc_00000000000000000000000000')).toBeUndefined();
    expect(existsSync(accountDbPath(path, id))).toBe(false);
    const account = accounts.engineFor(id)!;
    expect(accounts.engineFor(id)).toBe(account);
    expect(accountDbPath(path, id)).toBe(`${path}.accounts/${id}.db`);
    expect(existsSync(accountDbPath(path, id))).toBe(true);
    clock.advance(60_000);
    expect(account.clock().toISOString()).toBe(clock().toISOString());
    expect(accountDbPath(':memory:', id)).toBe(':memory:');
  });

  it("relays an account's events to the platform's connect destinations once, naming the account", () => {
    const { engine, accounts } = platform();
    const id = engine.accounts.create({ name: 'A' }).id;
    const account = accounts.engineFor(id)!;
    // No connect destination yet: an event nobody wants is not kept.
    credit(account);
    expect(account.webhooks.lastEventSequence()).toBe(0);
    engine.webhooks.create({ url: 'http://127.0.0.1:9/all', topics: ['adjustment.created'], connect: true });
    engine.webhooks.create({ url: 'http://127.0.0.1:9/own', topics: ['*'] });
    credit(account);
    const upTo = account.webhooks.lastEventSequence();
    expect(upTo).toBe(1);
    expect(engine.webhooks.relayFrom(id, account.webhooks, upTo)).toBe(1);
    expect(engine.webhooks.relayFrom(id, account.webhooks, upTo)).toBe(0);
    const due = engine.webhooks.due(engine.clock(), 10);
    expect(due).toHaveLength(1);
    expect(JSON.parse(due[0]!.body)).toMatchObject({ type: 'adjustment.created', account: id, data: { amount: 1 } });
    // The platform's own events carry no account.
    credit(engine);
    const own = engine.webhooks.due(engine.clock(), 10).map((d) => JSON.parse(d.body));
    expect(own.filter((e) => e.account === undefined)).toHaveLength(2);
    expect(engine.verify()).toEqual([]);
    expect(account.verify()).toEqual([]);
  });
});
