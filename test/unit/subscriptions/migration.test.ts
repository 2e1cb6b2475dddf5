import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openEngine } from '../../../src/engine/index.js';
import { openDatabase } from '../../../src/engine/store/db.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { tempDir, testClock } from '../engine/fixture.js';

describe('migration 28: subscriptions that bill', () => {
  it('keeps every subscription made before it, active and never billed; the clock starts at wall time', () => {
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'old.db');
      const db = openDatabase(path);
      migrate(db, testClock(), MIGRATIONS.filter((m) => m.version < 28));
      const at = '2026-01-01T00:00:00.000Z';
      const fee = '[{"type":"fixed","billing_model":{"type":"recurring","recurring":{"interval":"month"}},"pricing":[{"asset":"USD","values":[{"unit_price":20}]}]}]';
      db.prepare('INSERT INTO customers (id, name, metadata, created_at) VALUES (?, ?, ?, ?)').run('cust_old', 'Old', '{}', at);
      db.prepare('INSERT INTO products (id, code, default_version, created_at) VALUES (?, ?, 1, ?)').run('prp_old', 'pro', at);
      db.prepare("INSERT INTO product_versions (product_seq, version, status, name, prices, entitlements, created_at, published_at) VALUES (1, 1, 'published', 'Pro', ?, '[]', ?, ?)").run(fee, at, at);
      db.prepare("INSERT INTO subscriptions (id, customer_id, status, started_at) VALUES ('sub_old', 'cust_old', 'active', ?)").run(at);
      db.prepare('INSERT INTO subscription_products (subscription_seq, position, product_seq, version) VALUES (1, 0, 1, 1)').run();
      db.close();

      const engine = openEngine({ path, clock: testClock('2026-03-01T00:00:00.000Z') });
      try {
        expect(engine.getCustomer('cust_old').subscriptions).toEqual([
          { id: 'sub_old', status: 'active', started_at: at, products: [{ id: 'prp_old', code: 'pro', version: 1 }], required_actions: [] },
        ]);
        expect(engine.subscriptions.get('sub_old', 'http://x')).toMatchObject({ activated_at: at, next_charge_at: null });
        expect(engine.subscriptions.clock.show()).toMatchObject({ now: '2026-03-01T00:00:00.000Z', offset_seconds: 0 });
        expect(engine.verify()).toEqual([]);
      } finally {
        engine.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});
