import type { CredytClient } from './client.js';
import { pageParams, segment, withQuery } from './paths.js';
import type { Num, Page, PageQuery } from './types.js';

/** `POST /webhooks` body (Credyt's): `topics` defaults to `["*"]`. */
export interface WebhookInput {
  url: string;
  topics?: string[];
  connect?: boolean;
  description?: string;
}

/**
 * A destination. Credyt documents only `id`, `secret` and (on create) `created_at`; the
 * rest is what our engine answers, so every other member may be absent remotely.
 */
export interface WebhookDestination {
  id: string;
  secret?: string;
  url?: string;
  topics?: string[];
  connect?: boolean;
  description?: string | null;
  created_at?: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One delivery of an event to a destination (local extension). */
export interface WebhookDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: Num;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  last_attempt: { attempted_at: string; status_code: Num | null; duration_ms: Num; error: string | null } | null;
}

export interface DeliveryQuery extends PageQuery {
  status?: WebhookDeliveryStatus;
}

/** `POST /webhooks`: the answer carries the signing secret. */
export function createWebhook(client: CredytClient, input: WebhookInput): Promise<WebhookDestination> {
  return client.requestJson('POST', '/webhooks', input);
}

/** `GET /webhooks` (one page). */
export function listWebhooks(client: CredytClient, page?: PageQuery): Promise<Page<WebhookDestination>> {
  return client.requestJson('GET', withQuery('/webhooks', pageParams(page)));
}

/** `GET /webhooks/{id}`, with its secret. */
export function getWebhook(client: CredytClient, id: string): Promise<WebhookDestination> {
  return client.requestJson('GET', `/webhooks/${segment(id)}`);
}

/** `DELETE /webhooks/{id}` (local extension). */
export function deleteWebhook(client: CredytClient, id: string): Promise<{ id: string; deleted: boolean }> {
  return client.requestJson('DELETE', `/webhooks/${segment(id)}`);
}

/** `GET /webhooks/{id}/deliveries` (local extension), newest first. */
export function listWebhookDeliveries(client: CredytClient, id: string, query: DeliveryQuery = {}): Promise<Page<WebhookDelivery>> {
  const { status, ...page } = query;
  return client.requestJson('GET', withQuery(`/webhooks/${segment(id)}/deliveries`, { status, ...pageParams(page) }));
}

/** `POST /webhooks/deliveries/{id}/resend` (local extension): due again at once. */
export function resendWebhookDelivery(client: CredytClient, id: string): Promise<WebhookDelivery> {
  return client.requestJson('POST', `/webhooks/deliveries/${segment(id)}/resend`, {});
}
