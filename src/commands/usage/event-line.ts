import { randomUUID } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { isDecimal } from '../../money/decimal.js';
import type { UsageEventInput } from '../../client/catalog-types.js';
import type { NdjsonLine } from '../../io/ndjson.js';
import { withoutEmpty } from './data.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event of a usage file, with the customer it belongs to (if the line names one). */
export interface EventLine {
  line: number;
  customer?: string;
  event: UsageEventInput;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isDecimal(value);
}

function optionalString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new UsageError(`${where}: "${key}" must be a string.`);
  return value;
}

/**
 * One NDJSON line as an event. The CLI's short names (`customer`, `type`) and the API's
 * (`customer_id`, `customer_external_id`, `event_type`) are both accepted; a missing id
 * gets a new UUID. An empty `""` data field is absent, as an empty CSV cell is.
 */
export function eventFromLine({ line, value }: NdjsonLine, source: string): EventLine {
  const where = `${source}:${line}`;
  if (!isObject(value)) throw new UsageError(`${where}: expected a JSON object.`);
  const type = optionalString(value, 'event_type', where) ?? optionalString(value, 'type', where);
  if (!type) throw new UsageError(`${where}: missing "type" (or "event_type").`);
  const id = optionalString(value, 'id', where) ?? randomUUID();
  if (!UUID.test(id)) throw new UsageError(`${where}: "id" ${JSON.stringify(id)} is not a UUID.`);
  const occurredAt = optionalString(value, 'occurred_at', where);
  if (occurredAt !== undefined && Number.isNaN(Date.parse(occurredAt))) {
    throw new UsageError(`${where}: "occurred_at" ${JSON.stringify(occurredAt)} is not an ISO-8601 time.`);
  }
  const data = value.data;
  if (data !== undefined && !isObject(data)) throw new UsageError(`${where}: "data" must be an object.`);
  const customer =
    optionalString(value, 'customer', where) ??
    optionalString(value, 'customer_id', where) ??
    optionalString(value, 'customer_external_id', where);
  return {
    line,
    customer,
    event: {
      id: id.toLowerCase(),
      event_type: type,
      occurred_at: occurredAt,
      subject: optionalString(value, 'subject', where),
      description: optionalString(value, 'description', where),
      data: data === undefined ? undefined : withoutEmpty(data),
    },
  };
}
