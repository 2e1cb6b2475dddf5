import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import { fileEngine } from '../engine/fixture.js';
import { premiumPlan } from './premium-fixture.js';

describe('verify: subscription charges and grants', () => {
  it('names a charge or grant whose row no longer matches its journal entry', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      premiumPlan(engine);
      const c = engine.createCustomer({ name: 'Ada', subscriptions: [{ return_url: 'https://a.test/', failure_url: 'https://a.test/f', products: [{ code: 'premium_monthly_01' }] }] });
      engine.subscriptions.complete(c.subscriptions[0].id, 'http://127.0.0.1');
      expect(engine.verifyReport().checked).toMatchObject({ subscription_charges: 1, subscription_grants: 1 });
      expect(engine.verify()).toEqual([]);
      engine.close();

      const db = new Database(path);
      db.exec(`DROP TRIGGER subscription_charges_immutable; DROP TRIGGER subscription_grants_immutable;
        UPDATE subscription_charges SET amounts = '[{"asset":"USD","amount":21}]';
        UPDATE subscription_grants SET amount = '999'`);
      db.close();
      const reopened = openEngine({ path });
      const found = reopened.verify().filter((v) => v.invariant === 'subscriptions');
      expect(found.map((v) => v.table)).toEqual(['subscription_charges', 'subscription_grants']);
      reopened.close();
    } finally {
      cleanup();
    }
  });
});
