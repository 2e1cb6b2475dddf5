import { AMOUNT_TEXT_RULE, parseAmountText } from '../../money/amount.js';
import { type Decimal, decimalText, isDecimal } from '../../money/decimal.js';
import { LineError } from '../../pipeline/run.js';
import { isUuid } from '../../pipeline/uuid5.js';
import { reasonProblem } from './flags.js';
import { setMember } from '../../json/own-member.js';

/*
 * The fields of one `top-up --file` or `adjust --file` line (a CSV row or an NDJSON
 * object), read into typed values; a bad field is a LineError naming it.
 */

/** A text field (a number written as its exact text); undefined when absent or empty. */
export function str(v: Record<string, unknown>, key: string): string | undefined {
  const value = v[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (isDecimal(value)) return decimalText(value);
  throw new LineError(`"${key}" must be a string`);
}

/** A decimal field, exactly as written (AMOUNT_TEXT in a string, any JSON number). */
export function decimal(v: Record<string, unknown>, key: string, required: boolean): Decimal | undefined {
  const value = v[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new LineError(`missing "${key}"`, 'missing_field');
    return undefined;
  }
  const parsed = isDecimal(value) ? value : typeof value === 'string' ? parseAmountText(value) : undefined;
  if (!parsed) throw new LineError(`"${key}" ${JSON.stringify(String(value))} is not a decimal number (${AMOUNT_TEXT_RULE})`, 'invalid_amount');
  return parsed;
}

/** An ISO-8601 time with a zone, as the API's UTC form. */
export function time(v: Record<string, unknown>, key: string): string | undefined {
  const value = str(v, key);
  if (value === undefined) return undefined;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const date = new Date(value);
  if (!zoned || Number.isNaN(date.getTime())) throw new LineError(`"${key}" ${JSON.stringify(value)} is not an ISO-8601 time with a zone`, 'invalid_time');
  return date.toISOString();
}

/** NDJSON `metadata: {…}` or CSV columns `metadata.<key>`, as a string map. */
export function metadata(v: Record<string, unknown>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const put = (k: string, value: unknown) => {
    if (value === undefined || value === null) return;
    setMember((out ??= {}), k, isDecimal(value) ? decimalText(value) : typeof value === 'string' ? value : JSON.stringify(value));
  };
  const nested = v.metadata;
  if (nested !== undefined && nested !== null) {
    if (typeof nested !== 'object' || Array.isArray(nested) || isDecimal(nested)) throw new LineError('"metadata" must be an object');
    for (const [k, value] of Object.entries(nested)) put(k, value);
  }
  // A plain loop: every line of a bulk run comes through here, most without metadata.
  for (const k in v) if (k.startsWith('metadata.')) put(k.slice(9), v[k]);
  return out;
}

/** The line's reason, else the run's default (`--reason`); `open`: any reason goes (an HTTP server judges). */
export function reasonOf(v: Record<string, unknown>, allowed: readonly string[], fallback: string | undefined, open: boolean): string {
  const reason = str(v, 'reason') ?? fallback;
  if (!reason) throw new LineError('missing "reason" (or give --reason for every line)', 'missing_field');
  const problem = reasonProblem(reason, allowed, open);
  if (problem) throw new LineError(`"reason" ${problem}`, 'invalid_reason');
  return reason;
}

/** The line's transaction_id (a UUID), else one derived from its content. */
export function transactionId(v: Record<string, unknown>, derive: () => string): string {
  const given = str(v, 'transaction_id');
  if (given === undefined) return derive();
  if (!isUuid(given)) throw new LineError(`"transaction_id" ${JSON.stringify(given)} is not a UUID`, 'invalid_id');
  return given.toLowerCase();
}

/** `customer`, `customer_id` or `customer_external_id`: the customer a line names. */
export function customerRef(v: Record<string, unknown>): string {
  const ref = str(v, 'customer') ?? str(v, 'customer_id') ?? str(v, 'customer_external_id');
  if (!ref) throw new LineError('missing "customer"', 'missing_customer');
  return ref;
}
