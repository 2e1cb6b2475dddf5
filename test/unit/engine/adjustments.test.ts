import { describe, expect, it } from 'vitest';
import { customerOf, engineError, json, memoryEngine, uuid } from './fixture.js';

function setup() {
  const engine = memoryEngine();
  engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', rate: '0.00001' }] });
  return { engine, customer: customerOf(engine) };
}

describe('adjustments', () => {
  it('credits the account and answers the adjustment', () => {
    const { engine, customer } = setup();
    const id = uuid();
    const adjustment = engine.createAdjustment(customer, {
      transaction_id: id,
      asset: 'usd',
      amount: '14.566678',
      reason: 'external_topup',
      description: 'Pro plan renewal',
      metadata: { psp: 'paddle' },
    });
    expect(JSON.parse(json(adjustment))).toEqual({
      id,
      transaction_id: id,
      customer_id: customer,
      account_id: 'default:USD',
      asset: 'USD',
      amount: 14.566678,
      reason: 'external_topup',
      description: 'Pro plan renewal',
      expires_at: null,
      metadata: { psp: 'paddle' },
      created_at: '2026-01-01T00:00:00.000Z',
    });
    expect(json(engine.getAccount(customer, 'default:usd').available)).toBe('14.566678');
  });

  it('replays the same request with no new effect, and refuses a changed one', () => {
    const { engine, customer } = setup();
    const id = uuid();
    const body = { transaction_id: id, asset: 'TOK', amount: '5', reason: 'gift', metadata: { a: '1', b: '2' } };
    const first = engine.createAdjustment(customer, body);
    // Same meaning, different spelling: asset case, amount form, metadata key order, UUID case.
    const again = engine.createAdjustment(customer, {
      ...body,
      transaction_id: id.toUpperCase(),
      asset: 'tok',
      amount: '5.000',
      metadata: { b: '2', a: '1' },
    });
    expect(json(again)).toBe(json(first));
    expect(json(engine.getAccount(customer, 'default:TOK').available)).toBe('5');

    const changed = engineError(
      () => engine.createAdjustment(customer, { ...body, amount: '6' }),
      409,
      'idempotency_conflict',
    );
    // The stored adjustment comes along, so a client can tell a top-up applied at another rate.
    expect(changed.extra).toMatchObject({ existing_id: id, existing: { id, asset: 'TOK', metadata: { a: '1', b: '2' } } });
    expect(json((changed.extra as { existing: { amount: unknown } }).existing.amount)).toBe('5');
    expect(engine.applyAdjustment(customer, body).replayed).toBe(true);
    const otherCustomer = customerOf(engine, 'Other');
    engineError(() => engine.createAdjustment(otherCustomer, body), 409, 'idempotency_conflict');
    expect(json(engine.getAccount(customer, 'default:TOK').available)).toBe('5');
    expect(engine.verify()).toEqual([]);
    expect(engine.applyAdjustment(customer, { ...body, transaction_id: uuid() }).replayed).toBe(false);
  });

  it('enforces the sign of each reason', () => {
    const { engine, customer } = setup();
    const cases: [string, string, boolean][] = [
      ['external_topup', '1', true],
      ['external_topup', '-1', false],
      ['gift', '-1', false],
      ['promotion', '1', true],
      ['external_refund', '-1', true],
      ['external_refund', '1', false],
      ['charge', '-2', true],
      ['charge', '2', false],
      ['correction', '-3', true],
      ['correction', '3', true],
      ['correction', '0', false],
    ];
    for (const [reason, amount, ok] of cases) {
      const run = () => engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'TOK', amount, reason });
      if (ok) run();
      else expect(engineError(run, 422).errors?.amount?.[0], `${reason} ${amount}`).toMatch(/^amount must be/);
    }
    // 1 + 1 - 1 - 2 - 3 + 3: overdraft is allowed.
    expect(json(engine.getAccount(customer, 'default:TOK').available)).toBe('-1');
    expect(engine.verify()).toEqual([]);
  });

  it('names the field and the value of each problem', () => {
    const { engine, customer } = setup();
    const adjust = (body: Record<string, unknown>) => () =>
      engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'TOK', amount: '1', reason: 'gift', ...body });
    expect(engineError(adjust({ amount: '1.5' }), 422).errors).toEqual({
      amount: ['amount 1.5 has more than 0 decimal places (TOK has precision 0)'],
    });
    expect(engineError(adjust({ asset: 'NOPE' }), 422).errors).toEqual({ asset: ['asset "NOPE" does not exist'] });
    expect(engineError(adjust({ transaction_id: 'abc' }), 422).errors).toEqual({
      transaction_id: ['transaction_id "abc" is not a UUID'],
    });
    expect(engineError(adjust({ reason: 'bonus' }), 422).errors?.reason?.[0]).toBe(
      'reason "bonus" is not one of external_topup, external_refund, gift, promotion, charge, correction',
    );
    expect(engineError(adjust({ amount: '1000000000000000001' }), 422).errors).toEqual({
      amount: ['amount 1000000000000000001 exceeds 10^18'],
    });
    expect(engineError(adjust({ expires_at: '2025-12-31T00:00:00Z' }), 422).errors).toEqual({
      expires_at: ['expires_at 2025-12-31T00:00:00.000Z is not in the future'],
    });
    expect(engineError(adjust({ metadata: { n: 1 } }), 422).errors).toEqual({
      metadata: ['metadata.n must be a string, got 1'],
    });
    expect(engineError(adjust({ account_name: 'a:b' }), 422).errors?.account_name).toHaveLength(1);
    expect(engineError(adjust({ amount: 0.5 }), 422).errors).toEqual({
      amount: ['amount 0.5 is a binary float; pass a decimal string'],
    });
    engineError(() => engine.createAdjustment('cust_nope', { transaction_id: uuid(), asset: 'TOK', amount: '1', reason: 'gift' }), 404);
  });

  it('keeps named accounts apart and in creation order', () => {
    const { engine, customer } = setup();
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'TOK', amount: '2', reason: 'gift', account_name: 'bonus' });
    engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '1', reason: 'external_topup' });
    expect(engine.getWallet(customer).accounts.map((a) => a.id)).toEqual(['bonus:TOK', 'default:USD']);
    engineError(() => engine.getAccount(customer, 'default:TOK'), 404, 'not_found');
  });

  it('holds 10^18 at precision 18 exactly', () => {
    const { engine, customer } = setup();
    engine.createAsset({ code: 'WEI', name: 'Wei', precision: 18 });
    const amounts = ['1000000000000000000', '0.000000000000000001', '-0.000000000000000001'];
    for (const amount of amounts) {
      engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'WEI', amount, reason: 'correction' });
    }
    expect(json(engine.getAccount(customer, 'default:WEI').available)).toBe('1000000000000000000');
    engine.createAdjustment(customer, {
      transaction_id: uuid(),
      asset: 'WEI',
      amount: '123456789012345678.123456789012345678',
      reason: 'gift',
    });
    expect(json(engine.getAccount(customer, 'default:WEI').available)).toBe('1123456789012345678.123456789012345678');
    expect(engine.verify()).toEqual([]);
  });

  it('answers an empty wallet for a customer with no account', () => {
    const { engine, customer } = setup();
    expect(engine.getWallet(customer)).toEqual({ accounts: [] });
    engineError(() => engine.getWallet('cust_nope'), 404, 'not_found');
  });
});

describe('absurd amounts', () => {
  it('are refused quickly, and shown in exponent form', () => {
    const { engine, customer } = setup();
    const started = performance.now();
    for (const amount of ['1e999999999', '1e-999999999', '-1e99999999999']) {
      const e = engineError(
        () => engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount, reason: 'correction' }),
        422,
      );
      expect(e.detail.length).toBeLessThan(200);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
