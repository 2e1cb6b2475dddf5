import { canonicalJson, jsonString, sha256 } from '../../json/canonical.js';
import type { EventInput } from './event-input.js';

/** canonicalJson of an item of the hashed list (depth 1): a string written at once. */
function item(value: unknown): string {
  return typeof value === 'string' ? jsonString(value) : canonicalJson(value, 1);
}

/**
 * canonicalJson([customerId, id, eventType, occurredAt ?? null, subject, description, data,
 * costs]), written without the list: the same bytes, which the stored request hashes are
 * of (test/unit/engine/event-hash.test.ts pins it).
 */
export function eventHashText(customerId: string, e: EventInput): string {
  return `[${item(customerId)},${item(e.id)},${item(e.eventType)},${item(e.occurredAt)},${item(e.subject)},${item(e.description)},${item(e.data)},${item(e.costs)}]`;
}

/** Same meaning ⇒ same hash: the resolved customer (id or external id alike), key order, number spelling. */
export function eventHash(customerId: string, e: EventInput): string {
  return sha256(eventHashText(customerId, e));
}
