import type {
  CancelSubscriptionInput,
  ChangeSubscriptionInput,
  SubscriptionQuery,
  SubscriptionView,
} from '../catalog-types.js';
import type { ClientCore } from '../core.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { Page } from '../types.js';

/**
 * Subscriptions by id: their billing period, payment, cancellation and version changes.
 * All local extensions of `credyt local serve` and the embedded engine (docs/api-contract.md):
 * Credyt has published subscriptions only inside customers.
 */
export const subscriptionMethods = {
  /** `GET /subscriptions` (one page), filtered by customer and status. */
  listSubscriptions(this: ClientCore, query: SubscriptionQuery = {}): Promise<Page<SubscriptionView>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/subscriptions', { ...filters, ...pageParams({ limit, offset }) }));
  },

  /** `GET /subscriptions/{id}`. */
  getSubscription(this: ClientCore, id: string): Promise<SubscriptionView> {
    return this.requestJson('GET', `/subscriptions/${segment(id)}`);
  },

  /** `POST /subscriptions/{id}/complete`: the first period is paid (stands in for the payment provider). */
  completeSubscription(this: ClientCore, id: string): Promise<SubscriptionView> {
    return this.requestJson('POST', `/subscriptions/${segment(id)}/complete`);
  },

  /** `POST /subscriptions/{id}/fail`: the first payment failed. */
  failSubscription(this: ClientCore, id: string): Promise<SubscriptionView> {
    return this.requestJson('POST', `/subscriptions/${segment(id)}/fail`);
  },

  /** `POST /subscriptions/{id}/cancel`: now, or at the end of the period; refunded only with `prorate`. */
  cancelSubscription(this: ClientCore, id: string, input: CancelSubscriptionInput = {}): Promise<SubscriptionView> {
    return this.requestJson('POST', `/subscriptions/${segment(id)}/cancel`, input);
  },

  /** `POST /subscriptions/{id}/change`: move to another version of a product. */
  changeSubscription(this: ClientCore, id: string, input: ChangeSubscriptionInput): Promise<SubscriptionView> {
    return this.requestJson('POST', `/subscriptions/${segment(id)}/change`, input);
  },
};

export type SubscriptionMethods = typeof subscriptionMethods;
