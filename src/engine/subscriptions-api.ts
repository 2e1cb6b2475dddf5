import type { Portal } from './portal/portal.js';
import type { Query } from './request/paging.js';
import type { Store } from './store/store.js';
import { isoText } from './request/time.js';
import { cancelSubscription, changeSubscription, completeSubscription, failSubscription } from './subscriptions/lifecycle.js';
import { renewDue } from './subscriptions/renewals.js';
import { getSubscription, listSubscriptions } from './subscriptions/subscription-views.js';
import { LocalClock } from './clock/local-clock.js';
import { getCustomer, listCustomers } from './customers/customers.js';
import type { CustomerView, PageView, SubscriptionDetailView, SubscriptionView } from './types.js';

/**
 * Subscriptions that bill (docs/subscriptions.md): reading them, paying or failing the
 * first period, cancelling, changing version, and the local clock their renewals run on.
 * Every answer of a pending subscription carries a fresh signed payment link.
 */
export class Subscriptions {
  /** `credyt local clock`: the database's clock and what moving it processes. */
  readonly clock: LocalClock;

  constructor(
    private readonly store: Store,
    private readonly portal: Portal,
  ) {
    this.clock = new LocalClock(store);
  }

  /**
   * Runs the renewals that fell due on wall time since the last write (of one customer, or
   * all): reads and the writes that move a wallet call it first, so a subscription never
   * shows a period that has ended and the journal keeps time order. One probe of the
   * `subscriptions_due` index when nothing is due.
   */
  catchUp(customerId?: string): void {
    const now = this.store.clock();
    const due = this.store
      .stmt(
        "SELECT 1 FROM subscriptions WHERE status = 'active' AND period_end IS NOT NULL AND period_end <= ? AND (? IS NULL OR customer_id = ?) LIMIT 1",
      )
      .get(isoText(now), customerId ?? null, customerId ?? null);
    if (due) this.store.write(() => renewDue(this.store, now, customerId));
  }

  /** A subscription with its required action, when pending: pay through this link. */
  withActions<T extends SubscriptionView>(view: T, customerId: string, origin: string): T {
    if (view.status !== 'pending') return view;
    const redirect = this.portal.subscriptionPaymentUrl({ id: view.id, customer_id: customerId }, origin);
    return { ...view, required_actions: [{ type: 'payment', redirect_url: redirect }] };
  }

  /** A customer whose pending subscriptions carry their payment links. */
  decorate(view: CustomerView, origin: string): CustomerView {
    return { ...view, subscriptions: view.subscriptions.map((s) => this.withActions(s, view.id, origin)) };
  }

  /** `GET /customers/{id}`: renewals due first, then the customer with its payment links. */
  customer(id: string, origin: string): CustomerView {
    this.catchUp(id);
    return this.decorate(getCustomer(this.store, id), origin);
  }

  customers(query: Query | undefined, origin: string): PageView<CustomerView> {
    this.catchUp();
    const page = listCustomers(this.store, query);
    return { ...page, items: page.items.map((c) => this.decorate(c, origin)) };
  }

  get(id: string, origin: string): SubscriptionDetailView {
    const before = getSubscription(this.store, id);
    this.catchUp(before.customer_id);
    const view = getSubscription(this.store, id);
    return this.withActions(view, view.customer_id, origin);
  }
  list(query: Query | undefined, origin: string): PageView<SubscriptionDetailView> {
    this.catchUp(typeof query?.customer_id === 'string' ? query.customer_id : undefined);
    const page = listSubscriptions(this.store, query);
    return { ...page, items: page.items.map((s) => this.withActions(s, s.customer_id, origin)) };
  }
  complete(id: string, origin: string): SubscriptionDetailView {
    completeSubscription(this.store, id);
    return this.get(id, origin);
  }
  fail(id: string, origin: string): SubscriptionDetailView {
    failSubscription(this.store, id);
    return this.get(id, origin);
  }
  /** `{at_period_end?, prorate?}` (local extension). */
  cancel(id: string, body: unknown, origin: string): SubscriptionDetailView {
    this.get(id, origin);
    cancelSubscription(this.store, id, body);
    return this.get(id, origin);
  }
  /** `{product: {code, version?}, prorate?}` (local extension). */
  change(id: string, body: unknown, origin: string): SubscriptionDetailView {
    this.get(id, origin);
    changeSubscription(this.store, id, body);
    return this.get(id, origin);
  }
}
