import type { Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import { dueDeliveries, listDeliveries, recordAttempt, resendDelivery, type AttemptOutcome } from './deliveries.js';
import { createDestination, deleteDestination, getDestination, listDestinations, type UrlPolicy } from './destinations.js';
import type { DueDelivery, WebhookDeliveryView, WebhookDestinationView } from './webhook-types.js';
import { connectTopics, eventsAfter, relayedUpTo, relayEvents } from './relay.js';

/** Events copied from one connected account per relay call at most. */
const RELAY_BATCH = 500;

/** The engine's webhook operations (docs/webhooks.md): destinations, deliveries, and the worker's side. */
export class Webhooks {
  constructor(
    private readonly store: Store,
    private readonly policy: UrlPolicy,
  ) {}

  create(body: unknown): WebhookDestinationView {
    return createDestination(this.store, body, this.policy);
  }
  list(query?: Query): PageView<Omit<WebhookDestinationView, 'secret'>> {
    return listDestinations(this.store, query);
  }
  get(id: string): WebhookDestinationView {
    return getDestination(this.store, id);
  }
  delete(id: string): { id: string; deleted: true } {
    return deleteDestination(this.store, id);
  }
  deliveries(webhookId: string, query?: Query): PageView<WebhookDeliveryView> {
    return listDeliveries(this.store, webhookId, query);
  }
  resend(deliveryId: string): WebhookDeliveryView {
    return resendDelivery(this.store, deliveryId);
  }
  /** The delivery worker's: pending deliveries due by `now`, at most `perDestination` of each destination. */
  due(now: Date, perDestination: number, upToSequence?: number): DueDelivery[] {
    return dueDeliveries(this.store, now, perDestination, upToSequence);
  }
  /** The newest event's sequence (0: none), written or still in an open transaction. */
  lastEventSequence(): number {
    return (this.store.stmt('SELECT coalesce(max(sequence), 0) FROM webhook_events').pluck().get() as number);
  }
  /** The platform's `connect: true` destinations' topic filters (a connected account's outbox asks). */
  connectTopics(): string[][] {
    return connectTopics(this.store);
  }
  /**
   * The platform's: copies a connected account's events (`from`, its own Webhooks) up to
   * `upTo` into this outbox for the connect destinations; answers how many were copied.
   */
  relayFrom(accountId: string, from: Webhooks, upTo: number): number {
    const after = relayedUpTo(this.store, accountId);
    if (upTo <= after) return 0;
    return relayEvents(this.store, accountId, from.eventsAfter(after, upTo, RELAY_BATCH));
  }
  /** A connected account's: its events after `after` up to `upTo`, for the platform's relay. */
  eventsAfter(after: number, upTo: number, limit: number) {
    return eventsAfter(this.store, after, upTo, limit);
  }
  /** The delivery worker's: one attempt's outcome. */
  recordAttempt(deliverySeq: number, outcome: AttemptOutcome): void {
    recordAttempt(this.store, deliverySeq, outcome);
  }
}
