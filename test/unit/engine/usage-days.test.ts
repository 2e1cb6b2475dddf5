import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/index.js';
import { fileEngine, uuid } from './fixture.js';
import { fund, subscriber, tokenProduct } from './pricing-fixture.js';

/** Two funded customers (external ids a and b) of the token product (two USD fees an event), and a vendor. */
function seed(engine: Engine): void {
  tokenProduct(engine);
  for (const name of ['a', 'b']) fund(engine, subscriber(engine, ['chat_api'], name, name), 'USD', 100, uuid());
  engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
}

function usageDays(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT c.external_id, u.day, u.vendor_seq, u.currency, u.scale, u.units, u.events FROM usage_days u
         JOIN customers c ON c.id = u.customer_id ORDER BY 1, 2, 3, 4, 5`,
      )
      .all();
  } finally {
    db.close();
  }
}

describe('usage_days of a request', () => {
  it('sums as the same events posted one a request do: customers and days interleaved, fees of one asset counted once', () => {
    const cost = [{ vendor_external_id: 'openai', amount: '0.002', currency: 'USD' }];
    const events = [
      ['a', '2025-12-30T10:00:00Z', { input_tokens: 1000, output_tokens: 10 }, undefined],
      ['a', '2025-12-30T11:00:00.000Z', { input_tokens: 2000 }, cost],
      ['b', '2025-12-30T11:00:00Z', { input_tokens: 3000, output_tokens: 30 }, cost],
      ['a', '2025-12-31T00:00:00Z', { output_tokens: 40 }, undefined],
      ['a', '2025-12-30T23:59:59.999Z', { input_tokens: 0, output_tokens: 0 }, cost],
      ['b', '2025-12-31T09:00:00+10:00', { input_tokens: 5 }, undefined],
      ['a', '2025-12-31T01:00:00Z', {}, undefined],
      ['a', undefined, { input_tokens: 7, output_tokens: 7 }, cost],
    ].map(([customer, occurred_at, data, costs]) => ({ customer_external_id: customer, id: uuid(), event_type: 'response_completed', occurred_at, data, costs }));
    const together = fileEngine();
    const apart = fileEngine();
    try {
      seed(together.engine);
      seed(apart.engine);
      together.engine.postEvents({ events });
      for (const event of events) apart.engine.postEvents({ events: [event] });
      expect(together.engine.verify()).toEqual([]);
      together.engine.close();
      apart.engine.close();
      const rows = usageDays(together.path);
      expect(rows).toEqual(usageDays(apart.path));
      expect(rows).toHaveLength(7);
      expect(rows).toContainEqual({ external_id: 'a', day: '2025-12-30', vendor_seq: 0, currency: 'USD', scale: 6, units: '3850', events: 2 });
    } finally {
      together.cleanup();
      apart.cleanup();
    }
  });
});
