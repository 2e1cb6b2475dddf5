import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { currentPlan } from '../subscriptions/billing.js';
import type { AssetAmount } from '../subscriptions/plan.js';
import { findSubscription } from '../subscriptions/subscription-rows.js';
import { detailView } from '../subscriptions/subscription-views.js';
import type { SubscriptionDetailView } from '../types.js';
import { signToken, verifyToken, type Checked, type Claims } from './portal-tokens.js';

/** A payment link lives an hour; every read of a pending subscription makes a fresh one. */
export const SUBSCRIPTION_PAYMENT_MINUTES = 60;
const PURPOSE = 'subscription-payment';
const ISSUER = 'Credyt.Api';
const AUDIENCE = 'Checkout';

/** What the payment page of a subscription shows and where it sends the payer. */
export interface SubscriptionPayment {
  subscription: SubscriptionDetailView;
  /** The first period's fees, per asset. */
  fees: AssetAmount[];
  returnUrl: string;
  failureUrl: string;
}

/** `{origin}/pay/subscription/{id}?token=…`: signed like the checkout link, bound to the subscription and customer. */
export function subscriptionPaymentUrl(
  store: Store,
  secret: Buffer,
  platformId: string,
  view: { id: string; customer_id: string },
  origin: string,
): string {
  const now = store.clock();
  const claims: Claims = {
    purpose: PURPOSE,
    issued: isoText(now),
    platform_id: platformId,
    customer_id: view.customer_id,
    subscription_id: view.id,
    live_mode: 'false',
    exp: Math.floor(now.getTime() / 1000) + SUBSCRIPTION_PAYMENT_MINUTES * 60,
    iss: ISSUER,
    aud: AUDIENCE,
  };
  return `${origin}/pay/subscription/${view.id}?token=${signToken(secret, claims)}`;
}

/**
 * The subscription a payment token stands for: signature, purpose, platform, subscription
 * and customer checked. `expired` when the link's hour is up or the subscription is no
 * longer pending (paid, failed or cancelled: there is nothing left to pay).
 */
export function checkSubscriptionPayment(store: Store, secret: Buffer, platformId: string, token: string): Checked<SubscriptionPayment> {
  const verified = verifyToken(secret, token, store.clock());
  if (verified.status === 'invalid') return verified;
  const c = verified.claims;
  const row = typeof c.subscription_id === 'string' ? findSubscription(store, c.subscription_id) : undefined;
  const ok =
    row !== undefined &&
    c.purpose === PURPOSE &&
    c.aud === AUDIENCE &&
    c.iss === ISSUER &&
    c.platform_id === platformId &&
    c.customer_id === row.customer_id;
  if (!ok || !row) return { status: 'invalid' };
  const value: SubscriptionPayment = {
    subscription: detailView(store, row),
    fees: currentPlan(store, row).fees,
    returnUrl: row.return_url ?? '',
    failureUrl: row.failure_url ?? '',
  };
  const lapsed = verified.status === 'expired' || row.status !== 'pending';
  return { status: lapsed ? 'expired' : 'valid', value };
}
