/** A destination as the API answers it; `secret` is answered on create and on get. */
export interface WebhookDestinationView {
  id: string;
  url: string;
  topics: string[];
  connect: boolean;
  description: string | null;
  secret: string;
  created_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt to deliver (local extension). */
export interface WebhookAttemptView {
  attempted_at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

/** A delivery of one event to one destination (local extension). */
export interface WebhookDeliveryView {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  last_attempt: WebhookAttemptView | null;
}

/** What the worker needs to make one attempt: where, how to sign, and the body. */
export interface DueDelivery {
  seq: number;
  id: string;
  destination_id: string;
  url: string;
  secret: string;
  attempts: number;
  /** When the current retry window began (created, or resent): give-up counts from it. */
  retry_from: string;
  /** The delivery body, `{id, type, created, live_mode, data}`, as sent. */
  body: string;
}
