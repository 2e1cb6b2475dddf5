/**
 * The topics a destination may subscribe to. `subscription.activated` is Credyt's
 * documented topic; the others are local extensions (docs/webhooks.md).
 */
export const WEBHOOK_TOPICS = [
  'subscription.activated',
  'top_up.completed',
  'top_up.failed',
  'top_up.expired',
  'adjustment.created',
  'hold.captured',
  'hold.voided',
  'event.unbilled',
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** Every topic. */
export const ALL_TOPICS = '*';

export function isWebhookTopic(text: string): text is WebhookTopic {
  return (WEBHOOK_TOPICS as readonly string[]).includes(text);
}

/** A destination's filter: `*` or exact names (no other wildcards). */
export function topicMatches(filter: readonly string[], topic: WebhookTopic): boolean {
  return filter.includes(ALL_TOPICS) || filter.includes(topic);
}
