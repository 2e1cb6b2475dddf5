import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../../src/json/canonical.js';
import type { Engine } from '../../../src/engine/index.js';
import { engineError, fileEngine, json, memoryEngine, testClock, uuid } from './fixture.js';
import { openEngine } from '../../../src/engine/index.js';
import { fund, publishedProduct, subscriber, usagePrice } from './pricing-fixture.js';

/** A customer billed 0.05 USD per `chat` event, funded with 10 USD. */
function chatCustomer(engine: Engine): string {
  publishedProduct(engine, 'chat', [usagePrice('chat', { usage_type: 'unit' }, [{ unit_price: '0.05' }])]);
  const customer = subscriber(engine, ['chat'], 'Acme AI', 'acme');
  fund(engine, customer, 'USD', 10, uuid());
  return customer;
}

const chat = (costs?: unknown[], occurred_at?: string) => ({
  id: uuid(),
  event_type: 'chat',
  ...(occurred_at ? { occurred_at } : {}),
  ...(costs ? { costs } : {}),
});

describe('vendors', () => {
  it('creates, gets, lists and looks up by external id; a taken external id is a 409', () => {
    const engine = memoryEngine();
    const openai = engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
    expect(openai.id).toMatch(/^vnd_[0-9a-z]{26}$/);
    expect(openai).toEqual({ id: openai.id, name: 'OpenAI', external_id: 'openai', created_at: '2026-01-01T00:00:00.000Z' });
    const google = engine.vendors.create({ name: 'Google' });
    expect(engine.vendors.get(openai.id)).toEqual(openai);
    expect(engine.vendors.getByExternalId('openai')).toEqual(openai);
    expect(engine.vendors.list()).toMatchObject({ items: [google, openai], total_count: 2, limit: 20, offset: 0 });
    expect(engineError(() => engine.vendors.create({ name: 'Again', external_id: 'openai' }), 409).detail).toContain(openai.id);
    const bad = engineError(() => engine.vendors.create({ external_id: '' }), 422);
    expect(Object.keys(bad.errors ?? {})).toEqual(['name', 'external_id']);
    engineError(() => engine.vendors.get('vnd_nope'), 404, 'not_found');
    engineError(() => engine.vendors.getByExternalId('nope'), 404, 'not_found');
  });

  it('stats: 4 events at 0.05 USD costing 0.02 USD each give revenue 0.2, cost 0.08, margin 0.12', () => {
    const engine = memoryEngine();
    const customer = chatCustomer(engine);
    const openai = engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
    const cost = { vendor_external_id: 'openai', amount: '0.02', currency: 'USD' };
    engine.postEvents({ customer_id: customer, events: [chat([cost]), chat([cost]), chat([cost]), chat([{ ...cost, vendor_external_id: undefined, vendor_id: openai.id }])] });

    expect(json(engine.vendors.customerStats(customer))).toBe(
      `{"customer_id":"${customer}","from":null,"to":null,"interval":null,` +
        '"revenue":[{"currency":"USD","amount":0.2,"events":4}],"costs":[{"currency":"USD","amount":0.08,"events":4}],' +
        '"margin":[{"currency":"USD","revenue":0.2,"cost":0.08,"margin":0.12}]}',
    );
    expect(json(engine.vendors.stats(openai.id))).toBe(
      `{"vendor_id":"${openai.id}","from":null,"to":null,"interval":null,"costs":[{"currency":"USD","amount":0.08,"events":4}]}`,
    );
    const stored = engine.listEvents({ customer_id: customer }).items[0];
    expect(json(stored.costs)).toBe(`[{"vendor_id":"${openai.id}","amount":0.02,"currency":"USD"}]`);
    expect(engine.verify()).toEqual([]);
  });

  it('stats per day and month, over an inclusive range of UTC days', () => {
    const engine = memoryEngine(testClock('2026-02-10T12:00:00.000Z'));
    const customer = chatCustomer(engine);
    const aws = engine.vendors.create({ name: 'AWS', external_id: 'aws' });
    const cost = (amount: string) => [{ vendor_id: aws.id, amount, currency: 'usd' }];
    engine.postEvents({
      customer_id: customer,
      events: [chat(cost('0.01'), '2026-01-31T23:59:59Z'), chat(cost('0.001'), '2026-02-01T00:00:00Z'), chat(undefined, '2026-02-09T10:00:00Z')],
    });
    const days = engine.vendors.customerStats(customer, { interval: 'day', from: '2026-02-01' });
    expect(days.periods?.map((p) => [p.period, json(p.revenue[0].amount), json(p.costs[0]?.amount ?? null)])).toEqual([
      ['2026-02-01', '0.05', '0.001'],
      ['2026-02-09', '0.05', 'null'],
    ]);
    expect(json(days.margin)).toBe('[{"currency":"USD","revenue":0.1,"cost":0.001,"margin":0.099}]');
    const months = engine.vendors.stats(aws.id, { interval: 'month' });
    expect(json(months.periods)).toBe(
      '[{"period":"2026-01","costs":[{"currency":"USD","amount":0.01,"events":1}]},{"period":"2026-02","costs":[{"currency":"USD","amount":0.001,"events":1}]}]',
    );
    expect(json(engine.vendors.customerStats(customer, { to: '2026-01-31' }).revenue)).toBe('[{"currency":"USD","amount":0.05,"events":1}]');
    const bad = engineError(() => engine.vendors.customerStats(customer, { from: '2026-02-30', to: '2026-01-01T00:00:00Z', interval: 'week' }), 422);
    expect(Object.keys(bad.errors ?? {})).toEqual(['from', 'to', 'interval']);
    engineError(() => engine.vendors.customerStats(customer, { from: '2026-13-01' }), 422);
    engineError(() => engine.vendors.customerStats('cust_nope'), 404);
    engineError(() => engine.vendors.stats('vnd_nope'), 404);
  });

  it('refuses the whole batch for an unknown vendor or a bad cost, naming events[i].costs[j]', () => {
    const engine = memoryEngine();
    const customer = chatCustomer(engine);
    engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
    const good = { vendor_external_id: 'openai', amount: '0.02', currency: 'USD' };
    const unknown = engineError(
      () => engine.postEvents({ customer_id: customer, events: [chat([good]), chat([good, { vendor_external_id: 'anthropic', amount: '1', currency: 'USD' }])] }),
      422,
      'validation_failed',
    );
    expect(unknown.errors).toEqual({
      'events[1].costs[1].vendor_external_id': ['events[1].costs[1].vendor_external_id "anthropic": no such vendor'],
    });
    const shapes = engineError(
      () =>
        engine.postEvents({
          customer_id: customer,
          events: [
            chat([good]),
            chat([{ vendor_id: 'vnd_x', amount: '-1', currency: 'USD' }, { vendor_external_id: 'openai', amount: '0.0000001', currency: 'XYZ' }]),
            chat([{ amount: '1', currency: 'USD' }]),
          ],
        }),
      422,
      'validation_failed',
    );
    expect(shapes.errors).toEqual({
      'events[1].costs[0].amount': ['events[1].costs[0].amount must not be negative, got -1'],
      'events[1].costs[1].currency': ['events[1].costs[1].currency "XYZ" is not a known currency (costs are in a fiat currency such as USD)'],
      'events[1].costs[1].amount': ['events[1].costs[1].amount 0.0000001 has more than 6 decimal places (a currency has precision 6)'],
      'events[2].costs[0].vendor_id': ['events[2].costs[0].vendor_id or vendor_external_id is required (exactly one)'],
    });
    expect(engine.listEvents().total_count).toBe(0);
    expect(json(engine.getAccount(customer, 'default:USD').available)).toBe('10');
    expect(engine.vendors.customerStats(customer).revenue).toEqual([]);
  });

  it('hashes an event without costs exactly as before; replays with costs are duplicates, changed costs conflict', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      const customer = chatCustomer(engine);
      engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
      const plain = { ...chat(undefined, '2026-01-01T00:00:00Z'), data: { tokens: 12, rate: '1.50' } };
      engine.postEvents({ customer_id: customer, events: [plain] });
      const costly = chat([{ vendor_external_id: 'openai', amount: '0.02', currency: 'USD' }]);
      engine.postEvents({ customer_id: customer, events: [costly] });
      expect(engine.postEvents({ customer_id: customer, events: [costly] }).events[0].status).toBe('duplicate');
      const changed = { ...costly, costs: [{ vendor_external_id: 'openai', amount: '0.03', currency: 'USD' }] };
      expect(engine.postEvents({ customer_id: customer, events: [changed] }).events[0].status).toBe('conflict');
      expect(json(engine.vendors.customerStats(customer).costs)).toBe('[{"currency":"USD","amount":0.02,"events":1}]');
      engine.close();
      const db = new Database(path, { readonly: true });
      const stored = db.prepare('SELECT request_hash FROM events WHERE id = ?').pluck().get(plain.id);
      db.close();
      // The formula every stored event without costs was hashed with.
      const before = [customer, plain.id, 'chat', '2026-01-01T00:00:00.000Z', null, null, plain.data, []];
      expect(stored).toBe(sha256(canonicalJson(before)));
    } finally {
      cleanup();
    }
  });

  it('an upgraded database gets the sums of the events billed before vendors existed', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      const customer = chatCustomer(engine);
      engine.postEvents({ customer_id: customer, events: [chat(undefined, '2026-01-01T00:00:00Z'), chat(undefined, '2026-01-01T05:00:00Z'), chat()] });
      const before = json(engine.vendors.customerStats(customer, { interval: 'day' }));
      engine.close();
      // The database as version 25 left it: no vendors, no sums.
      const db = new Database(path);
      db.exec('DROP TABLE usage_days; DROP TABLE vendors; DELETE FROM schema_migrations WHERE version = 26');
      db.close();
      const reopened = openEngine({ path, clock: testClock() });
      try {
        expect(json(reopened.vendors.customerStats(customer, { interval: 'day' }))).toBe(before);
        expect(before).toContain('"revenue":[{"currency":"USD","amount":0.15,"events":3}]');
      } finally {
        reopened.close();
      }
    } finally {
      cleanup();
    }
  });

  it('verify checks the sums against the fees taken and the costs stored', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      const customer = chatCustomer(engine);
      engine.vendors.create({ name: 'OpenAI', external_id: 'openai' });
      engine.postEvents({ customer_id: customer, events: [chat([{ vendor_external_id: 'openai', amount: '0.02', currency: 'USD' }])] });
      expect(engine.verify()).toEqual([]);
      engine.close();
      const db = new Database(path);
      db.exec('UPDATE usage_days SET units = units + 1');
      db.close();
      const reopened = openEngine({ path, clock: testClock() });
      try {
        expect(reopened.verify().map((v) => v.detail)).toEqual([
          `usage_days of ${customer}: fees charged sum to 0.050001 USD, the ledger says 0.05 USD`,
          `usage_days of ${customer}: costs of vendor #1 sum to 0.020001 USD, the ledger says 0.02 USD`,
        ]);
      } finally {
        reopened.close();
      }
    } finally {
      cleanup();
    }
  });

  it('sums beyond 2^63 stay exact (units are text, added as BigInt)', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      const customer = chatCustomer(engine);
      const vendor = engine.vendors.create({ name: 'Big' });
      engine.close();
      const db = new Database(path);
      const insert = db.prepare('INSERT INTO usage_days (customer_id, day, vendor_seq, currency, scale, units, events) VALUES (?, ?, 1, ?, 6, ?, 1)');
      insert.run(customer, '2026-01-01', 'USD', '9223372036854775807');
      insert.run(customer, '2026-01-02', 'USD', '123456789012345678901234');
      db.close();
      const reopened = openEngine({ path, clock: testClock() });
      try {
        expect(json(reopened.vendors.stats(vendor.id).costs)).toBe('[{"currency":"USD","amount":123466012384382533.677041,"events":2}]');
        expect(json(reopened.vendors.stats(vendor.id, { to: '2026-01-01' }).costs)).toBe('[{"currency":"USD","amount":9223372036854.775807,"events":1}]');
      } finally {
        reopened.close();
      }
    } finally {
      cleanup();
    }
  });
});
