import { randomUUID } from 'node:crypto';
import type { CredytClient } from '../../client/client.js';
import { postAdjustment } from '../../client/credits.js';
import { ApiError } from '../../errors.js';
import { Decimal } from '../../money/decimal.js';

/** One thing `trigger` did, as printed. */
export interface Step {
  step: string;
  id: string;
}

/** Performs the operations that make the engine record one topic's event, on `customerId`. */
type Trigger = (client: CredytClient, customerId: string) => Promise<Step[]>;

/** The product `trigger subscription.activated` subscribes to (made on first use). */
export const TRIGGER_PRODUCT = 'credyt_trigger';

/** Never priced, so a usage event of this type always goes unbilled. */
export const UNPRICED_EVENT_TYPE = 'credyt_trigger_unpriced';

const USD = 'USD';
/** Checkout URLs are required, never visited here. */
const URLS = { return_url: 'https://example.com/return', failure_url: 'https://example.com/failure' };

async function ensureProduct(client: CredytClient): Promise<Step[]> {
  try {
    const made = await client.createProduct({
      code: TRIGGER_PRODUCT,
      name: 'credyt trigger',
      publish: true,
      prices: [
        {
          type: 'usage_based',
          usage_calculation: { event_type: TRIGGER_PRODUCT, usage_type: 'volume', volume_field: 'quantity' },
          pricing: [{ asset: USD, values: [{ volume_rate: 1, package_size: 1000 }] }],
        },
      ],
    });
    return [{ step: `created product ${TRIGGER_PRODUCT}`, id: made.id }];
  } catch (error) {
    // Made by an earlier trigger: subscribing to it is all that is needed.
    if (error instanceof ApiError && error.status === 409) return [];
    throw error;
  }
}

async function credit(client: CredytClient, customerId: string, amount: string): Promise<Step> {
  const input = { transaction_id: randomUUID(), asset: USD, amount: new Decimal(amount), reason: 'gift' as const, description: 'credyt trigger' };
  const answer = await postAdjustment(client, customerId, input, false);
  if (answer.error) throw answer.error;
  return { step: `adjusted the wallet by ${amount} ${USD} (gift)`, id: answer.adjustment?.id ?? input.transaction_id };
}

async function topUp(client: CredytClient, customerId: string, settle: 'complete' | 'fail'): Promise<Step[]> {
  const made = await client.createTopUp({ customer_id: customerId, amount: new Decimal(10), currency: USD, description: 'credyt trigger', ...URLS });
  const settled = settle === 'complete' ? await client.completeTopUp(made.id) : await client.failTopUp(made.id);
  return [
    { step: `created a checkout top-up of 10 ${USD}`, id: made.id },
    { step: settle === 'complete' ? 'completed the top-up (paid)' : 'failed the top-up (payment declined)', id: settled.id },
  ];
}

async function hold(client: CredytClient, customerId: string, settle: 'capture' | 'void'): Promise<Step[]> {
  const funded = await credit(client, customerId, '5');
  const holdId = randomUUID();
  const made = await client.createHold(customerId, { hold_id: holdId, asset: USD, amount: '1', description: 'credyt trigger' });
  const settled = settle === 'capture' ? await client.captureHold(customerId, holdId) : await client.voidHold(customerId, holdId);
  return [
    funded,
    { step: `placed a hold of 1 ${USD}`, id: made.id },
    { step: settle === 'capture' ? 'captured the hold' : 'voided the hold', id: settled.id },
  ];
}

/**
 * Every topic `trigger` can cause, in `webhooks create --help` order. `top_up.expired` is
 * not among them: a top-up lapses only when its checkout link's lifetime has passed.
 */
export const TRIGGERS: Readonly<Record<string, Trigger>> = {
  'subscription.activated': async (client, customerId) => {
    const product = await ensureProduct(client);
    const subscription = await client.subscribe(customerId, { products: [{ code: TRIGGER_PRODUCT }] });
    return [...product, { step: `subscribed the customer to ${TRIGGER_PRODUCT}`, id: subscription.id ?? '' }];
  },
  'top_up.completed': (client, customerId) => topUp(client, customerId, 'complete'),
  'top_up.failed': (client, customerId) => topUp(client, customerId, 'fail'),
  'adjustment.created': async (client, customerId) => [await credit(client, customerId, '1')],
  'hold.captured': (client, customerId) => hold(client, customerId, 'capture'),
  'hold.voided': (client, customerId) => hold(client, customerId, 'void'),
  'event.unbilled': async (client, customerId) => {
    const id = randomUUID();
    await client.postEvents({ customer_id: customerId, events: [{ id, event_type: UNPRICED_EVENT_TYPE, data: { quantity: 1 } }] });
    return [{ step: `posted a usage event of type ${UNPRICED_EVENT_TYPE}, which no price matches`, id }];
  },
};
