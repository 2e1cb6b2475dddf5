import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../../../src/engine/index.js';
import { engineError, fileEngine, memoryEngine, testClock, topUpBody, uuid } from './fixture.js';

/** The types of the events due for delivery, oldest first. */
function dueTypes(engine: Engine): string[] {
  return engine.webhooks.due(new Date('2100-01-01T00:00:00Z'), 100).map((d) => (JSON.parse(d.body) as { type: string }).type);
}

function funded(engine: Engine): string {
  const customer = engine.createCustomer({ name: 'Acme' }).id;
  engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '100', reason: 'external_topup' });
  return customer;
}

describe('webhook destinations', () => {
  it('creates a destination with a whsec_ secret, lists it without the secret, gets it with it', () => {
    const engine = memoryEngine();
    const made = engine.webhooks.create({ url: 'https://example.com/hook', description: 'billing' });
    expect(made).toMatchObject({ url: 'https://example.com/hook', topics: ['*'], connect: false, description: 'billing' });
    expect(made.id).toMatch(/^whd_[0-9a-z]{26}$/);
    expect(made.secret).toMatch(/^whsec_[0-9a-z]{52}$/);
    expect(engine.webhooks.get(made.id)).toEqual(made);
    const page = engine.webhooks.list();
    expect(page.total_count).toBe(1);
    expect(page.items[0]).not.toHaveProperty('secret');
    expect(engine.webhooks.delete(made.id)).toEqual({ id: made.id, deleted: true });
    engineError(() => engine.webhooks.get(made.id), 404, 'not_found');
    expect(engine.webhooks.list().total_count).toBe(0);
  });

  it('refuses bad URLs and unknown topics, naming the field, and stores nothing', () => {
    const engine = memoryEngine();
    for (const url of ['not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'http://example.com/hook']) {
      const error = engineError(() => engine.webhooks.create({ url }), 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {})).toEqual(['url']);
    }
    const error = engineError(() => engine.webhooks.create({ url: 'https://x.test', topics: ['*', 'top_up.done'] }), 422);
    expect(error.errors).toHaveProperty(['topics[1]']);
    expect(error.detail).toContain('topics[1] "top_up.done" is not a topic');
    engineError(() => engine.webhooks.create({ url: 'https://x.test', topics: [] }), 422);
    engineError(() => engine.webhooks.create({ url: 'https://x.test', connect: 'yes' }), 422);
    expect(engine.webhooks.list().total_count).toBe(0);
  });

  it('allows plain http only to loopback, unless the engine allows insecure webhooks', () => {
    const engine = memoryEngine();
    for (const url of ['http://127.0.0.1:9/h', 'http://localhost/h', 'http://[::1]:8080/h']) expect(engine.webhooks.create({ url }).url).toBe(url);
    const open = openEngine({ path: ':memory:', allowInsecureWebhooks: true });
    expect(open.webhooks.create({ url: 'http://example.com/hook' }).url).toBe('http://example.com/hook');
    open.close();
  });
});

describe('the webhook outbox', () => {
  it('records one event per change that causes a topic, for each matching destination', () => {
    const engine = memoryEngine();
    const customer = funded(engine);
    const all = engine.webhooks.create({ url: 'https://all.test' });
    const holds = engine.webhooks.create({ url: 'https://holds.test', topics: ['hold.captured', 'hold.voided'] });

    const topUp = engine.createTopUp(topUpBody(customer));
    engine.completeTopUp(topUp.id);
    engine.failTopUp(engine.createTopUp(topUpBody(customer)).id);
    const a = uuid();
    engine.createHold(customer, { hold_id: a, asset: 'USD', amount: '5' });
    engine.captureHold(customer, a, {});
    const b = uuid();
    engine.createHold(customer, { hold_id: b, asset: 'USD', amount: '5' });
    engine.voidHold(customer, b);
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'external_topup' });
    engine.postEvents({ customer_id: customer, events: [{ id: uuid(), event_type: 'unpriced' }] });

    const toAll = engine.webhooks.deliveries(all.id).items.map((d) => d.event_type).reverse();
    expect(toAll).toEqual(['top_up.completed', 'top_up.failed', 'hold.captured', 'hold.voided', 'adjustment.created', 'event.unbilled']);
    expect(engine.webhooks.deliveries(holds.id).items.map((d) => d.event_type).reverse()).toEqual(['hold.captured', 'hold.voided']);
    expect(dueTypes(engine)).toHaveLength(8);

    const completed = engine.webhooks.due(new Date('2100-01-01T00:00:00Z'), 1)[0];
    const body = JSON.parse(completed.body) as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'top_up.completed', live_mode: false, data: { id: topUp.id, status: 'completed', customer_id: customer } });
    expect(body.id).toMatch(/^evt_/);
    expect(Object.keys(body)).toEqual(['id', 'type', 'created', 'live_mode', 'data']);
    expect(engine.verify()).toEqual([]);
  });

  it('records top_up.expired when a lapsed top-up is noticed, nothing for an expired hold, nothing for a deleted destination', () => {
    const clock = testClock();
    const engine = memoryEngine(clock);
    const customer = funded(engine);
    const hook = engine.webhooks.create({ url: 'https://x.test' });
    const gone = engine.webhooks.create({ url: 'https://gone.test' });
    engine.createTopUp(topUpBody(customer));
    engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '5', expires_at: new Date(clock().getTime() + 60_000).toISOString() });
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
    // Its pending adjustment.created delivery is never due once the destination is deleted.
    engine.webhooks.delete(gone.id);
    clock.advance(48 * 3_600_000);
    engine.getWallet(customer);
    expect(engine.webhooks.deliveries(hook.id).items.map((d) => d.event_type)).toEqual(['top_up.expired', 'adjustment.created']);
    expect(dueTypes(engine)).toEqual(['adjustment.created', 'top_up.expired']);
  });

  it('records nothing when no destination wants the topic, and nothing for a replay', () => {
    const engine = memoryEngine();
    const customer = funded(engine);
    engine.webhooks.create({ url: 'https://x.test', topics: ['adjustment.created'] });
    engine.postEvents({ customer_id: customer, events: [{ id: uuid(), event_type: 'unpriced' }] });
    const body = { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'external_topup' };
    engine.createAdjustment(customer, body);
    engine.createAdjustment(customer, body);
    expect(dueTypes(engine)).toEqual(['adjustment.created']);
  });

  it('writes the event in the transaction of the change: a rolled-back change leaves no event', () => {
    const env = fileEngine();
    try {
      const customer = funded(env.engine);
      env.engine.webhooks.create({ url: 'https://x.test', topics: ['top_up.completed'] });
      const topUp = env.engine.createTopUp(topUpBody(customer));
      // The delivery insert fails after the event row and the top-up's own change were written.
      const other = new Database(env.path);
      other.exec("CREATE TRIGGER refuse BEFORE INSERT ON webhook_deliveries BEGIN SELECT RAISE(ABORT, 'refused'); END");
      expect(() => env.engine.completeTopUp(topUp.id)).toThrow(/refused/);
      expect(env.engine.getTopUp(topUp.id).status).toBe('initiated');
      expect(other.prepare('SELECT count(*) FROM webhook_events').pluck().get()).toBe(0);
      other.exec('DROP TRIGGER refuse');
      other.close();
      env.engine.completeTopUp(topUp.id);
      expect(dueTypes(env.engine)).toEqual(['top_up.completed']);
    } finally {
      env.cleanup();
    }
  });
});

describe('webhook deliveries', () => {
  let engine: Engine;
  afterEach(() => engine.close());

  it('records attempts, retries, gives up, resends, and verify checks the rows', () => {
    const clock = testClock();
    engine = memoryEngine(clock);
    const hook = engine.webhooks.create({ url: 'https://x.test' });
    funded(engine);
    const [due] = engine.webhooks.due(clock(), 10);
    const failed = { attemptedAt: clock(), statusCode: 500, durationMs: 3, error: null, delivered: false };
    engine.webhooks.recordAttempt(due.seq, { ...failed, nextAttemptAt: new Date(clock().getTime() + 1000) });
    expect(engine.webhooks.due(clock(), 10)).toEqual([]);
    expect(engine.webhooks.deliveries(hook.id, { status: 'pending' }).items[0]).toMatchObject({ attempts: 1, last_attempt: { status_code: 500 } });
    engine.webhooks.recordAttempt(due.seq, { ...failed, nextAttemptAt: null });
    const [gaveUp] = engine.webhooks.deliveries(hook.id, { status: 'failed' }).items;
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 2, next_attempt_at: null });
    engineError(() => engine.webhooks.deliveries(hook.id, { status: 'lost' }), 422);

    expect(engine.webhooks.resend(gaveUp.id)).toMatchObject({ status: 'pending', event_id: gaveUp.event_id });
    const [again] = engine.webhooks.due(clock(), 10);
    expect(again.body).toBe(due.body);
    engine.webhooks.recordAttempt(again.seq, { ...failed, statusCode: 204, delivered: true, nextAttemptAt: null });
    expect(engine.webhooks.deliveries(hook.id).items[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(engine.verifyReport().checked.webhook_deliveries).toBe(1);
    expect(engine.verify()).toEqual([]);
    engineError(() => engine.webhooks.resend('dlv_nope'), 404);
  });
});

describe('due deliveries', () => {
  it('answers at most N per destination, so a backlog to one never hides another', () => {
    const engine = memoryEngine();
    const customer = funded(engine);
    const busy = engine.webhooks.create({ url: 'https://busy.test', topics: ['adjustment.created'] });
    for (let i = 0; i < 5; i++) engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
    const quiet = engine.webhooks.create({ url: 'https://quiet.test', topics: ['adjustment.created'] });
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
    const due = engine.webhooks.due(new Date('2100-01-01T00:00:00Z'), 2);
    expect(due.map((d) => d.destination_id)).toEqual([busy.id, busy.id, quiet.id]);
    engine.close();
  });
});

describe('verify on webhook rows', () => {
  it('names a delivery whose attempts or state do not add up', () => {
    const env = fileEngine();
    try {
      env.engine.webhooks.create({ url: 'https://x.test' });
      funded(env.engine);
      const [due] = env.engine.webhooks.due(new Date('2100-01-01T00:00:00Z'), 1);
      const other = new Database(env.path);
      other.prepare("UPDATE webhook_deliveries SET status = 'delivered', attempts = 2 WHERE seq = ?").run(due.seq);
      other.close();
      const found = env.engine.verify().map((v) => `${v.invariant} ${v.table} ${v.id} ${v.detail}`);
      expect(found).toEqual([
        `webhooks webhook_deliveries ${due.id} counts 2 attempts but 0 are recorded`,
        `webhooks webhook_deliveries ${due.id} is delivered with delivered_at null`,
        `webhooks webhook_deliveries ${due.id} is delivered but its last attempt answered nothing`,
      ]);
    } finally {
      env.cleanup();
    }
  });
});
