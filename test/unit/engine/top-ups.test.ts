import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import { HOUR, customerOf, engineError, fileEngine, json, readJournal, testClock, topUpBody, uuid } from './fixture.js';

describe('top-ups', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function setup() {
    const clock = testClock();
    const env = fileEngine(clock);
    cleanup = env.cleanup;
    env.engine.createAsset({ code: 'IMG', name: 'Images', precision: 0, rates: [{ source: 'USD', rate: '0.10' }] });
    return { ...env, clock, customer: customerOf(env.engine) };
  }

  const balances = (engine: ReturnType<typeof setup>['engine'], customer: string, account: string) => {
    const a = engine.getAccount(customer, account);
    return [json(a.available), json(a.pending_in), json(a.pending_out)];
  };

  it('initiates with the converted quantity pending, rounded down', () => {
    const { engine, customer, path } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { amount: '1.03', destination: { asset: 'img' } }));
    expect(topUp.id).toMatch(/^top_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(JSON.parse(json(topUp))).toMatchObject({
      status: 'initiated',
      redirect_url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1/checkout/${topUp.id}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`)),
      created_at: '2026-01-01T00:00:00.000Z',
      expires_at: '2026-01-02T00:00:00.000Z',
      customer_id: customer,
      amount: 1.03,
      currency: 'USD',
      destination: { account_name: 'default', asset: 'IMG', exchange_rate: 10 },
      quantity: 10,
    });
    expect(balances(engine, customer, 'default:IMG')).toEqual(['0', '10', '0']);
    const [entry] = readJournal(path);
    expect(entry).toMatchObject({ kind: 'top_up_initiated', reference: topUp.id, rounding: 'down' });
    expect(entry.postings).toEqual(['customer:default:IMG pending_in 10', 'platform:checkout:IMG pending_in -10']);
    expect(engine.verify()).toEqual([]);
  });

  it('completes: pending_in moves to available through funding and exchange', () => {
    const { engine, customer, path } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { amount: '1.03', destination: { asset: 'IMG' } }));
    const done = engine.completeTopUp(topUp.id);
    expect(done).toMatchObject({ status: 'completed', completed_at: '2026-01-01T00:00:00.000Z', failed_at: null });
    expect(balances(engine, customer, 'default:IMG')).toEqual(['10', '0', '0']);
    expect(readJournal(path)[1]).toMatchObject({ kind: 'top_up_completed', rounding: 'down' });
    expect(readJournal(path)[1].postings).toEqual([
      'customer:default:IMG pending_in -10',
      'platform:checkout:IMG pending_in 10',
      'customer:default:IMG available 10',
      'platform:funding:USD available -1.03',
      'platform:exchange:USD available 1.03',
      'platform:exchange:IMG available -10',
    ]);
    expect(engine.getTopUp(topUp.id).status).toBe('completed');
    engineError(() => engine.completeTopUp(topUp.id), 409, 'conflict');
    engineError(() => engine.failTopUp(topUp.id), 409, 'conflict');
    expect(engine.verify()).toEqual([]);
  });

  it('tops up a currency account directly, without exchange', () => {
    const { engine, customer, path } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { amount: '25.5' }));
    expect(topUp.destination).toMatchObject({ account_name: 'default', asset: 'USD' });
    engine.completeTopUp(topUp.id);
    expect(balances(engine, customer, 'default:USD')).toEqual(['25.5', '0', '0']);
    expect(readJournal(path)[1].postings).toContain('platform:funding:USD available -25.5');
    expect(readJournal(path)[1].rounding).toBeNull();
  });

  it('fails: the pending value is released', () => {
    const { engine, customer } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { destination: { asset: 'IMG', account_name: 'packs' } }));
    expect(balances(engine, customer, 'packs:IMG')).toEqual(['0', '100', '0']);
    expect(engine.failTopUp(topUp.id)).toMatchObject({ status: 'failed', failed_at: '2026-01-01T00:00:00.000Z' });
    expect(balances(engine, customer, 'packs:IMG')).toEqual(['0', '0', '0']);
    engineError(() => engine.completeTopUp(topUp.id), 409, 'conflict');
    expect(engine.verify()).toEqual([]);
  });

  it('expires lazily after 24 hours, dated at its expires_at', () => {
    const { engine, customer, clock, path } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { destination: { asset: 'IMG' } }));
    clock.advance(24 * HOUR - 1);
    expect(balances(engine, customer, 'default:IMG')).toEqual(['0', '100', '0']);
    clock.advance(1);
    expect(json(engine.getWallet(customer).accounts[0].pending_in)).toBe('0');
    expect(engine.getTopUp(topUp.id)).toMatchObject({ status: 'expired', expired_at: '2026-01-02T00:00:00.000Z' });
    expect(readJournal(path).map((e) => e.kind)).toEqual(['top_up_initiated', 'top_up_expired']);
    const e = engineError(() => engine.completeTopUp(topUp.id), 409, 'conflict');
    expect(e.detail).toBe(`cannot complete top-up ${topUp.id}: it is already expired`);
    expect(engine.verify()).toEqual([]);
  });

  it('expires a checkout opened after the customer was last checked, by this connection or another', () => {
    const { engine, customer, clock, path } = setup();
    // Each adjustment checks the customer for lapsed checkouts and finds none open.
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
    const mine = engine.createTopUp(topUpBody(customer));
    const other = openEngine({ path, clock });
    try {
      const second = customerOf(engine, 'Second');
      engine.createAdjustment(second, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
      const theirs = other.createTopUp(topUpBody(second));
      clock.advance(25 * HOUR);
      expect(balances(engine, customer, 'default:USD')).toEqual(['1', '0', '0']);
      // A write notices the other connection's checkout too, before its own entry.
      engine.createAdjustment(second, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'gift' });
      expect(readJournal(path).map((e) => [e.kind, e.reference]).slice(-3)).toEqual([
        ['top_up_expired', mine.id],
        ['top_up_expired', theirs.id],
        ['adjustment', expect.any(String)],
      ]);
      expect(balances(engine, second, 'default:USD')).toEqual(['2', '0', '0']);
    } finally {
      other.close();
    }
    expect(engine.verify()).toEqual([]);
  });

  it('expires on completion attempts and on reading the top-up itself', () => {
    const { engine, customer, clock } = setup();
    const a = engine.createTopUp(topUpBody(customer));
    const b = engine.createTopUp(topUpBody(customer));
    clock.advance(25 * HOUR);
    expect(engine.getTopUp(a.id).status).toBe('expired');
    engineError(() => engine.completeTopUp(b.id), 409);
    expect(engine.getTopUp(b.id).status).toBe('expired');
    expect(engine.verify()).toEqual([]);
  });

  it('uses an override rate: units of the asset per unit of currency', () => {
    const { engine, customer } = setup();
    const topUp = engine.createTopUp(topUpBody(customer, { amount: '2', destination: { asset: 'IMG', exchange_rate: '12.5' } }));
    expect(json(topUp.quantity)).toBe('25');
    expect(json(topUp.destination.exchange_rate)).toBe('12.5');
  });

  it('refuses what cannot be converted or routed', () => {
    const { engine, customer } = setup();
    engine.createAsset({ code: 'NORATE', name: 'No rate', precision: 0 });
    const zero = engineError(() => engine.createTopUp(topUpBody(customer, { amount: '0.01', destination: { asset: 'IMG' } })), 422);
    expect(zero.errors).toEqual({ amount: ['amount 0.01 USD at 10 IMG per USD buys 0 IMG (IMG has precision 0)'] });
    const noRate = engineError(() => engine.createTopUp(topUpBody(customer, { destination: { asset: 'NORATE' } })), 422);
    expect(Object.keys(noRate.errors ?? {})).toEqual(['destination.asset']);
    const bad = engineError(
      () =>
        engine.createTopUp({
          customer_id: customer,
          amount: '-1',
          currency: 'TOK',
          destination: { exchange_rate: '0' },
          return_url: 'ftp://x',
        }),
      422,
    );
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['currency', 'destination.exchange_rate', 'failure_url', 'return_url']);
    engineError(() => engine.createTopUp(topUpBody('cust_nope')), 404, 'not_found');
    engineError(() => engine.createTopUp(topUpBody(customer, { destination: { asset: 'NOPE' } })), 422);
    engineError(() => engine.createTopUp(topUpBody(customer, { credit_expires_at: '2020-01-01T00:00:00Z' })), 422);
    engineError(() => engine.getTopUp('top_nope'), 404, 'not_found');
  });
});
