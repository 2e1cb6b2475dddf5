import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { fileEngine, uuid } from './fixture.js';
import { fund, publishedProduct, subscriber, usagePrice } from './pricing-fixture.js';

/** docs/ledger.md, "Money notes": two behaviours decided and pinned here. */
describe('money notes', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function billedPer(unitPrice: string, events: number) {
    const env = fileEngine();
    cleanup = env.cleanup;
    publishedProduct(env.engine, 'tiny', [usagePrice('ping', { usage_type: 'unit' }, [{ unit_price: unitPrice }])]);
    const customer = subscriber(env.engine, ['tiny']);
    fund(env.engine, customer, 'USD', '1', uuid());
    const result = env.engine.postEvents({
      customer_id: customer,
      events: Array.from({ length: events }, () => ({ id: uuid(), event_type: 'ping' })),
    });
    const fees = result.events.map((e) => e.fees[0]?.amount.toFixed());
    const charged = new Decimal(1).sub(env.engine.getAccount(customer, 'default:USD').available);
    expect(env.engine.verify()).toEqual([]);
    return { fees: new Set(fees), charged: charged.toFixed() };
  }

  // Each event's fee is rounded half up to USD's 6 places on its own, as real-time billing
  // charges each event as it arrives: splitting usage into events changes the bill.
  it('rounds each event half up: 1,000 events at 0.0000005 USD charge 0.001 (exactly 0.0005)', () => {
    expect(billedPer('0.0000005', 1000)).toEqual({ fees: new Set(['0.000001']), charged: '0.001' });
  });

  it('rounds each event half up: 1,000 events at 0.0000004 USD charge 0 (exactly 0.0004)', () => {
    expect(billedPer('0.0000004', 1000)).toEqual({ fees: new Set(['0']), charged: '0' });
  });

  // A hold reserves against new holds only: adjustments (and fees) may take held funds,
  // as overdraft is allowed for every reason; the capture then overdraws.
  it('lets a charge eat held funds; the capture then takes available below zero', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    const customer = env.engine.createCustomer({ name: 'Acme' }).id;
    fund(env.engine, customer, 'USD', '10', uuid());
    const hold = env.engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '10' }).id;
    env.engine.createAdjustment(customer, { transaction_id: uuid(), asset: 'USD', amount: '-8', reason: 'charge' });
    const held = env.engine.getAccount(customer, 'default:USD');
    expect([held.available.toFixed(), held.pending_out.toFixed()]).toEqual(['2', '10']);
    // No new hold fits meanwhile: available − pending_out is −8.
    expect(() => env.engine.createHold(customer, { hold_id: uuid(), asset: 'USD', amount: '1' })).toThrow(/exceeds available − pending_out/);
    expect(env.engine.captureHold(customer, hold, {}).captured_amount?.toFixed()).toBe('10');
    const after = env.engine.getAccount(customer, 'default:USD');
    expect([after.available.toFixed(), after.pending_out.toFixed()]).toEqual(['-8', '0']);
    expect(env.engine.verify()).toEqual([]);
  });
});
