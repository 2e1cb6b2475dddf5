import { InvalidArgumentError } from 'commander';
import type { EventCostInput } from '../../client/catalog-types.js';
import { AMOUNT_TEXT_RULE, parseAmountText } from '../../money/amount.js';

const VENDOR_ID = /^vnd_[0-9a-z]+$/;
const AMOUNT_CURRENCY = /^([^:]+):([A-Za-z]{3})$/;

/**
 * A vendor's cost from its vendor (a `vnd_…` id, else an external id) and `AMOUNT:CURRENCY`
 * text; a string says what is wrong. The server checks the vendor and the precision.
 */
export function costOf(vendor: string, text: string): EventCostInput | string {
  const match = AMOUNT_CURRENCY.exec(text.trim());
  if (!match) return `"${text}" must look like AMOUNT:CURRENCY (e.g. 0.0021:USD)`;
  const amount = parseAmountText(match[1]!);
  if (!amount) return `"${match[1]}" in "${text}" is not a decimal number (${AMOUNT_TEXT_RULE})`;
  if (amount.isNeg()) return `the cost in "${text}" must not be negative`;
  const who = VENDOR_ID.test(vendor) ? { vendor_id: vendor } : { vendor_external_id: vendor };
  return { ...who, amount, currency: match[2]!.toUpperCase() };
}

/** `--cost VENDOR=AMOUNT:CURRENCY`, repeatable. */
export function costArg(value: string, previous: EventCostInput[] = []): EventCostInput[] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" must look like VENDOR=AMOUNT:CURRENCY (e.g. openai=0.0021:USD).`);
  const cost = costOf(value.slice(0, at).trim(), value.slice(at + 1));
  if (typeof cost === 'string') throw new InvalidArgumentError(`${cost}.`);
  return [...previous, cost];
}
