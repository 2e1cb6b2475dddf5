import type { CredytClient } from '../../client/client.js';
import type { EventResult, UsageEvent } from '../../client/catalog-types.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode } from '../../errors.js';

/**
 * Events that match no price are stored but bill nothing ("accepted but not billed",
 * Credyt's usage guide): a mistyped event type loses revenue without an error. The signal
 * is an event's empty `fees`. Our servers answer `POST /events` with each event's fees;
 * Credyt has not published that answer, only that a stored event's `fees` is "empty when
 * the event matched no price" (`GET /events/{id}`). Where the answer says nothing of fees
 * the event is neither counted unbilled nor billed.
 */
export interface Billing {
  /** --strict: an unbilled event is an error. */
  strict: boolean;
  unbilled: number;
  /** Events whose answer said nothing of fees. */
  unknown: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** What a bulk run says after its summary about the lines that matched no price. */
export function billingNotes(billing: Billing): string[] {
  const notes: string[] = [];
  if (billing.unbilled > 0) {
    const count = `${n(billing.unbilled)} ${billing.unbilled === 1 ? 'line' : 'lines'} unbilled`;
    notes.push(
      billing.strict
        ? `${count}: stored, but they matched no price, so they failed (--strict). Fix their type or the customer's products and send them again.`
        : `${count}: accepted, but they matched no price of the customer's products (a mistyped type?). -o jsonl marks them "unbilled": true; --strict makes them fail.`,
    );
  }
  if (billing.strict && billing.unknown > 0) {
    notes.push(`--strict: the answers for ${n(billing.unknown)} lines said nothing of fees (Credyt has not published its POST /events answer), so they were not checked.`);
  }
  return notes;
}

/**
 * After a single `usage post`: warns of an event that matched no price; with --strict it
 * is an error (exit 5; the event is stored all the same, billing nothing). When the answer
 * says nothing of fees, --strict reads the stored event, whose fees Credyt documents.
 */
export async function checkBilled(rt: Runtime, client: CredytClient, results: (EventResult | UsageEvent)[], eventType: string, strict: boolean): Promise<void> {
  for (const result of results) {
    const status = 'status' in result ? result.status : 'accepted';
    if (status !== 'accepted' && status !== 'duplicate' && status !== 'sent') continue;
    let fees = result.fees ?? undefined;
    if (fees === undefined && strict) fees = (await client.getEvent(result.id)).fees ?? undefined;
    if (fees === undefined) {
      if (strict) rt.warn(`--strict: the server said nothing of the fees of event ${result.id}; not checked.`);
      continue;
    }
    if (fees.length > 0) continue;
    const what = `event ${result.id} (type ${eventType}) matched no price of the customer's products`;
    if (strict) {
      throw new CredytError(`${what}: stored, but not billed (--strict)`, ExitCode.Validation, 'Check --type against the prices of the product the customer subscribes to (credyt products get CODE).');
    }
    rt.warn(`${what}: ${status}, but nothing was billed. Check --type against the product's prices, or use --strict to make this an error.`);
  }
}
