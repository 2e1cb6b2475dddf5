import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedFeesJson } from '../../../src/engine/fees/price-index.js';
import { stringifyJson } from '../../../src/json/write.js';
import { Decimal } from '../../../src/money/decimal.js';
import { fileEngine, uuid } from './fixture.js';
import { fund, publishedProduct, subscriber, tokenProduct, usagePrice } from './pricing-fixture.js';

/** Events of every shape a fee takes: volume, dimensions (odd text in them), unit prices without a quantity, a null price name. */
function billedEvents() {
  const env = fileEngine();
  const { engine } = env;
  tokenProduct(engine);
  const usage = { usage_type: 'unit_and_volume', volume_field: 'minutes', billable_dimensions: ['speed', 'tier'] };
  const values = [
    { name: 'Fast', dimensions: { speed: 'fast' }, values: [{ unit_price: '0.1', volume_rate: '0.0333', package_size: 60 }] },
    { dimensions: { speed: '*', tier: 2 }, values: [{ volume_rate: '1.5' }] },
  ];
  publishedProduct(engine, 'render', [
    usagePrice('render_finished', usage, values, { name: 'Render "minutes" \u00e9' }),
    usagePrice('ping', { usage_type: 'unit' }, [{ unit_price: '0.000001' }]),
  ]);
  const customer = subscriber(engine, ['chat_api', 'render']);
  fund(engine, customer, 'USD', 100, uuid());
  const events = [
    { id: uuid(), event_type: 'response_completed', data: { input_tokens: 1234, output_tokens: new Decimal('250.5') } },
    { id: uuid(), event_type: 'render_finished', data: { minutes: 7, speed: 'fast', tier: 1 } },
    { id: uuid(), event_type: 'render_finished', data: { minutes: '2.25', speed: 'sl"ow \\ \u2028 \ud83d\ude00', tier: new Decimal(2) } },
    { id: uuid(), event_type: 'ping' },
    { id: uuid(), event_type: 'nothing_prices_this' },
  ];
  const answer = engine.postEventsJson({ customer_id: customer, events });
  return { ...env, customer, events, answer };
}

const storedFees = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id, fees FROM events ORDER BY seq').all() as { id: string; fees: string }[];
  } finally {
    db.close();
  }
};

describe("an event row's stored fees", () => {
  it('are kept without member names and read back as the text first answered', () => {
    const { engine, path, cleanup, customer, events, answer } = billedEvents();
    try {
      const answered = JSON.parse(answer).events as { fees: unknown[] }[];
      expect(answered.map((e) => e.fees.length)).toEqual([2, 1, 1, 1, 0]);
      const rows = storedFees(path);
      expect(rows.map((r) => r.fees.slice(0, 2))).toEqual(['[[', '[[', '[[', '[[', '[]']);
      // Each row's text turns back into the fees' text of the answer, byte for byte.
      const answerFees = (i: number) => stringifyJson({ fees: engine.getEvent(events[i].id).fees }).slice('{"fees":'.length, -1);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(rows.map((r) => r.fees.length))).toBeLessThan(0.6 * sum(rows.map((_, i) => answerFees(i).length)));
      rows.forEach((row, i) => {
        expect(answer).toContain(`"fees":${storedFeesJson(row.fees)}}`);
        expect(storedFeesJson(row.fees)).toBe(answerFees(i));
      });
      // Replays answer the same fees, and list reads give what single reads give.
      expect(engine.postEventsJson({ customer_id: customer, events })).toBe(answer.replaceAll('"accepted"', '"duplicate"'));
      const listed = engine.listEvents({ customer_id: customer }).items;
      expect(stringifyJson(listed.map((e) => e.fees))).toBe(stringifyJson(listed.map((e) => engine.getEvent(e.id).fees)));
      expect(engine.verify()).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('of rows written before (fees as answered) read as they always did', () => {
    const { engine, path, cleanup, customer, events, answer } = billedEvents();
    try {
      const before = events.map((e) => stringifyJson(engine.getEvent(e.id)));
      const db = new Database(path);
      try {
        db.exec('DROP TRIGGER events_no_update');
        for (const row of storedFees(path)) db.prepare('UPDATE events SET fees = ? WHERE id = ?').run(storedFeesJson(row.fees), row.id);
      } finally {
        db.close();
      }
      expect(storedFees(path).map((r) => r.fees.slice(0, 2))).toEqual(['[{', '[{', '[{', '[{', '[]']);
      expect(events.map((e) => stringifyJson(engine.getEvent(e.id)))).toEqual(before);
      expect(engine.postEventsJson({ customer_id: customer, events })).toBe(answer.replaceAll('"accepted"', '"duplicate"'));
      expect(engine.verify()).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('that cannot be read are reported by verify', () => {
    const { engine, path, cleanup, events } = billedEvents();
    try {
      const db = new Database(path);
      try {
        db.exec('DROP TRIGGER events_no_update');
        db.prepare("UPDATE events SET fees = '[[\"broken' WHERE id = ?").run(events[3].id);
      } finally {
        db.close();
      }
      // (and, its fee missing, the entry that charged it no longer adds up)
      expect(engine.verify()).toEqual(
        expect.arrayContaining([{ invariant: 'fees', table: 'events', id: events[3].id, detail: `event ${events[3].id}: its stored fees cannot be read` }]),
      );
    } finally {
      cleanup();
    }
  });
});
