import { describe, expect, it } from 'vitest';
import { engineError, HOUR, json, memoryEngine, testClock, topUpBody, uuid } from './fixture.js';

function funded(amount = '100') {
  const clock = testClock();
  const engine = memoryEngine(clock);
  const customer = engine.createCustomer({ name: 'Acme' }).id;
  engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount, reason: 'external_topup' });
  return { clock, engine, customer };
}

describe('holds', () => {
  it('reserves pending_out, captures part and releases the rest', () => {
    const { engine, customer } = funded();
    const id = uuid();
    const hold = engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '30' });
    expect(json(hold)).toContain('"status":"pending"');
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"available":100,"pending_in":0,"pending_out":30');
    const captured = engine.captureHold(customer, id, { amount: '12.5' });
    expect(json(captured)).toContain('"captured_amount":12.5');
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"available":87.5,"pending_in":0,"pending_out":0');
    engineError(() => engine.captureHold(customer, id, {}), 409, 'conflict');
    engineError(() => engine.voidHold(customer, id), 409, 'conflict');
    expect(engine.verify()).toEqual([]);
  });

  it('is idempotent by hold_id and refuses a changed body', () => {
    const { engine, customer } = funded();
    const id = uuid();
    const first = engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '10' });
    expect(json(engine.createHold(customer, { hold_id: id.toUpperCase(), asset: 'usd', amount: '10.0' }))).toBe(json(first));
    engineError(() => engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '11' }), 409, 'idempotency_conflict');
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"pending_out":10');
  });

  it('never reserves more than available − pending_out', () => {
    const { engine, customer } = funded('50');
    engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '40' });
    engineError(() => engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '10.000001' }), 422, 'insufficient_funds');
    engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '10' });
    engineError(() => engine.createHold(customer, { hold_id: uuid(), asset: 'TOK', amount: '1' }), 422);
    expect(engine.verify()).toEqual([]);
  });

  it('expires lazily at expires_at, dated then, and a late capture is a 409', () => {
    const { clock, engine, customer } = funded();
    const id = uuid();
    engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '30', expires_at: '2026-01-01T00:15:00Z' });
    clock.advance(HOUR);
    engineError(() => engine.captureHold(customer, id, {}), 409, 'conflict');
    const hold = engine.getHold(customer, id);
    expect(hold.status).toBe('expired');
    expect(hold.resolved_at).toBe('2026-01-01T00:15:00.000Z');
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"available":100,"pending_in":0,"pending_out":0');
    expect(engine.listHolds(customer, { status: 'expired' }).total_count).toBe(1);
    expect(engine.verify()).toEqual([]);
  });

  it('expires a hold opened after the customer was last checked for lapsed ones', () => {
    const { clock, engine, customer } = funded();
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"pending_out":0');
    engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '30', expires_at: '2026-01-01T00:15:00Z' });
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"pending_out":30');
    clock.advance(HOUR);
    expect(json(engine.getAccount(customer, 'default:USD'))).toContain('"available":100,"pending_in":0,"pending_out":0');
    expect(engine.verify()).toEqual([]);
  });

  it('voids and lists by status', () => {
    const { engine, customer } = funded();
    const id = uuid();
    engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '1' });
    expect(engine.voidHold(customer, id).status).toBe('voided');
    expect(engine.listHolds(customer, { status: 'voided' }).items.map((h) => h.id)).toEqual([id]);
    engineError(() => engine.listHolds(customer, { status: 'open' }), 422);
    engineError(() => engine.voidHold(customer, uuid()), 404);
  });
});

describe('grants', () => {
  it('draws promotion before paid, earliest expiry first, and moves expired remainders to breakage', () => {
    const clock = testClock();
    const engine = memoryEngine(clock);
    const c = engine.createCustomer({ name: 'Acme' }).id;
    engine.createAdjustment(c, { transaction_id: uuid(), asset: 'USD', amount: '50', reason: 'external_topup' });
    engine.createAdjustment(c, { transaction_id: uuid(), asset: 'USD', amount: '20', reason: 'gift', expires_at: '2026-03-01T00:00:00Z' });
    engine.createAdjustment(c, { transaction_id: uuid(), asset: 'USD', amount: '10', reason: 'promotion', expires_at: '2026-02-01T00:00:00Z' });
    engine.createAdjustment(c, { transaction_id: uuid(), asset: 'USD', amount: '-15', reason: 'charge' });
    const grants = engine.listGrants(c, 'default:USD').items;
    expect(grants.map((g) => `${g.purpose} ${g.amount} ${g.remaining}`)).toEqual(['promotion 10 0', 'promotion 20 15', 'paid 50 50']);
    clock.set('2026-03-02T00:00:00Z');
    expect(json(engine.getAccount(c, 'default:USD'))).toContain('"available":50');
    const after = engine.listGrants(c, 'default:USD').items;
    expect(after.map((g) => g.expired_at)).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', null]);
    // Expired: nothing left to draw, 15 expired (Σ remaining = available = 50).
    expect(after.map((g) => `${g.remaining} ${g.expired_amount}`)).toEqual(['0 0', '0 15', '50 0']);
    const history = engine.listTransactions(c, { type: 'grant_expired' }).items;
    expect(history).toHaveLength(1);
    expect(json(history[0])).toContain('"amount":-15');
    expect(engine.verify()).toEqual([]);
  });

  it('gives completed top-ups a paid grant that lasts a year, and credits repay overdraft first', () => {
    const clock = testClock();
    const engine = memoryEngine(clock);
    const c = engine.createCustomer({ name: 'Acme' }).id;
    engine.createAdjustment(c, { transaction_id: uuid(), asset: 'USD', amount: '-5', reason: 'charge' });
    const top = engine.createTopUp(topUpBody(c));
    engine.completeTopUp(top.id);
    const [grant] = engine.listGrants(c, 'default:USD').items;
    expect(grant).toMatchObject({ purpose: 'paid', expires_at: '2027-01-01T00:00:00.000Z', source: { type: 'top_up', id: top.id } });
    expect(grant?.remaining.toString()).toBe('5');
    expect(engine.verify()).toEqual([]);
  });

  it('lists wallet history newest first with the balance after each line', () => {
    const { engine, customer } = funded();
    const id = uuid();
    engine.createHold(customer, { hold_id: id, asset: 'USD', amount: '30' });
    engine.captureHold(customer, id, { amount: '10' });
    const page = engine.listTransactions(customer);
    expect(page.items.map((t) => `${t.type} ${t.amount} ${t.pending_out} ${t.balance}`)).toEqual([
      'hold_captured -10 -30 90',
      'hold_created 0 30 100',
      'adjustment 100 0 100',
    ]);
    expect(engine.listTransactions(customer, { type: 'adjustment' }).total_count).toBe(1);
    expect(engine.listTransactions(customer, { from: '2027-01-01T00:00:00Z' }).total_count).toBe(0);
    engineError(() => engine.listTransactions(customer, { type: 'nope' }), 422);
    engineError(() => engine.listTransactions(customer, { account: 'default:TOK' }), 404);
  });
});
