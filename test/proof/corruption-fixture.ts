import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { Engine } from '../../src/engine/index.js';
import { fileEngine, HOUR, testClock, topUpBody } from '../unit/engine/fixture.js';
import { subscriber, tokenProduct } from '../unit/engine/pricing-fixture.js';

/** The ids of a ledger that holds one of everything that states money. */
export interface Built {
  path: string;
  dir: string;
  cleanup: () => void;
  now: string;
  acme: string;
  beta: string;
  /** A customer with no account: an account can be handed to them. */
  gamma: string;
  adjustments: { gift: string; charge: string; topup: string; refund: string };
  topUps: { completed: string; converted: string; failed: string; expired: string; open: string };
  holds: { captured: string; voided: string; expired: string; pending: string };
  events: string[];
}

/**
 * Builds a real ledger through the engine: top-ups in every state (one converted into a
 * custom asset with a credit expiry), adjustments of several reasons (a gift that
 * expires), holds captured, voided, expired and pending, a grant that expired with
 * something left (breakage), and usage events with fees.
 */
export function buildLedger(): Built {
  const clock = testClock('2026-03-01T00:00:00.000Z');
  const env = fileEngine(clock);
  const engine: Engine = env.engine;
  tokenProduct(engine);
  engine.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', inverse_rate: '100' }] });
  const acme = subscriber(engine, ['chat_api'], 'Acme AI');
  const beta = subscriber(engine, ['chat_api'], 'Beta');
  const gamma = engine.createCustomer({ name: 'Gamma' }).id;
  const adjust = (customer: string, amount: string, reason: string, extra: Record<string, unknown> = {}) =>
    engine.createAdjustment(customer, { transaction_id: randomUUID(), asset: 'USD', amount, reason, ...extra }).id;
  const adjustments = {
    topup: adjust(acme, '123', 'external_topup', { description: 'wire', metadata: { po: '7' } }),
    gift: adjust(acme, '5', 'gift', { expires_at: '2026-03-02T00:00:00.000Z' }),
    charge: adjust(acme, '-2', 'charge'),
    refund: adjust(beta, '-1', 'external_refund'),
  };
  adjust(beta, '40', 'external_topup');
  const topUp = (extra: Record<string, unknown> = {}) => engine.createTopUp(topUpBody(acme, extra)).id;
  const topUps = {
    completed: topUp({ amount: '10' }),
    converted: topUp({ amount: '2.5', destination: { asset: 'TOK' }, credit_expires_at: '2027-01-01T00:00:00.000Z' }),
    failed: topUp({ amount: '7' }),
    expired: topUp({ amount: '3' }),
    open: '',
  };
  engine.completeTopUp(topUps.completed);
  engine.completeTopUp(topUps.converted);
  engine.failTopUp(topUps.failed);
  const hold = (customer: string, amount: string, extra: Record<string, unknown> = {}) =>
    engine.createHold(customer, { hold_id: randomUUID(), asset: 'USD', amount, ...extra }).id;
  const holds = {
    captured: hold(acme, '4', { description: 'render' }),
    voided: hold(acme, '1'),
    expired: hold(beta, '2', { expires_at: '2026-03-01T12:00:00.000Z' }),
    pending: '',
  };
  engine.captureHold(acme, holds.captured, { amount: '3.5' });
  engine.voidHold(acme, holds.voided);
  const events = [randomUUID(), randomUUID(), randomUUID()];
  engine.postEvents({
    customer_id: acme,
    events: events.slice(0, 2).map((id) => ({ id, event_type: 'response_completed', data: { input_tokens: 2_000_000, output_tokens: 100_000 } })),
  });
  engine.postEvents({ customer_id: beta, events: [{ id: events[2], event_type: 'response_completed', data: { output_tokens: 300_000 } }] });
  // A day on: the checkout link lapses, the gift's grant expires with 3 left (the charge
  // took 2 of its 5 first), the hold expired.
  clock.advance(25 * HOUR);
  engine.getWallet(acme);
  engine.getWallet(beta);
  topUps.open = topUp({ amount: '6' });
  holds.pending = hold(beta, '3');
  engine.getTopUp(topUps.expired);
  engine.createApiKey();
  const now = clock().toISOString();
  env.engine.close();
  return { ...env, dir: dirname(env.path), now, acme, beta, gamma, adjustments, topUps, holds, events };
}
