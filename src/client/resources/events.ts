import type { EventQuery, PostEventsInput, PostEventsResult, UsageEvent } from '../catalog-types.js';
import type { ClientCore } from '../core.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { AnsweredEvents } from '../transport.js';
import type { Page } from '../types.js';

/** The customer a batch of events is for: Credyt's id or the platform's external id. */
export type EventBatchCustomer = { customer_id: string } | { customer_external_id: string };

/** A 2xx answer to a batch of events (`postEventBatch`). */
export interface EventBatchAnswer {
  /** The answer as the server wrote it (Credyt has not published its shape). */
  readonly body: string;
  /**
   * The same answer's events already read, when the transport has them (in-process): a
   * bulk run then skips writing and scanning the text. Absent over HTTP.
   */
  readonly events?: AnsweredEvents;
}

/** The answer without each event's fees: a bulk run that prints none reads only ids and statuses. */
const MINIMAL = { Prefer: 'return=minimal' };

/** Usage events in, fees out (contract §2.5, §6.8). */
export const eventMethods = {
  /**
   * `POST /events`. Retried on failure: every event carries its id, the API's
   * idempotency key, so a replay is answered `duplicate` and charges nothing.
   * Answers undefined for a 2xx without a JSON body (Credyt has not published its answer).
   */
  postEvents(this: ClientCore, input: PostEventsInput): Promise<PostEventsResult | undefined> {
    return this.requestJson('POST', '/events', input, { retryable: true });
  },

  /**
   * `POST /events` for a batch already written as JSON: `eventsJson` is the exact text of
   * the `events` array (a bulk run writes it from the lines' bytes, every digit as read).
   * Retried on failure, as `postEvents`. With `minimal`, asks for the answer without fees
   * (`Prefer: return=minimal`, RFC 7240): our servers then answer each event's `billed`
   * instead (a local extension); a server that ignores it answers in full.
   * @throws ApiError for a non-2xx answer (a 422 names the refused events in its `errors`)
   */
  async postEventBatch(this: ClientCore, customer: EventBatchCustomer, eventsJson: string, minimal = false): Promise<EventBatchAnswer> {
    const ref =
      'customer_id' in customer
        ? `"customer_id":${JSON.stringify(customer.customer_id)}`
        : `"customer_external_id":${JSON.stringify(customer.customer_external_id)}`;
    const rawBody = `{${ref},"events":${eventsJson}}`;
    // The response as it came: an in-process answer writes its body only when read.
    return this.requestRaw('POST', '/events', undefined, { retryable: true, rawBody, headers: minimal ? MINIMAL : undefined });
  },

  /** `GET /events` (one page, newest first). */
  listEvents(this: ClientCore, query: EventQuery = {}): Promise<Page<UsageEvent>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/events', { ...filters, ...pageParams({ limit, offset }) }));
  },

  /** `GET /events/{id}`: the event with its fees. */
  getEvent(this: ClientCore, id: string): Promise<UsageEvent> {
    return this.requestJson('GET', `/events/${segment(id)}`);
  },
};

export type EventMethods = typeof eventMethods;
