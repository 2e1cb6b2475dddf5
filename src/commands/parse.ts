import { InvalidArgumentError } from 'commander';
import { AMOUNT_TEXT_RULE, parseAmountText } from '../money/amount.js';
import type { Decimal } from '../money/decimal.js';

/** commander argument parsers: each throws InvalidArgumentError with what was expected. */

export function decimalArg(value: string): Decimal {
  const parsed = parseAmountText(value);
  if (!parsed) throw new InvalidArgumentError(`"${value}" is not a decimal number (e.g. 10 or 0.00001: ${AMOUNT_TEXT_RULE}).`);
  return parsed;
}

export function positiveDecimalArg(value: string): Decimal {
  const parsed = decimalArg(value);
  if (!parsed.gt(0)) throw new InvalidArgumentError(`"${value}" must be greater than zero.`);
  return parsed;
}

// In io/, below the commands: the global and bulk flags use it, and it needs no decimal.js.
export { integerArg } from '../io/integer-arg.js';

/** An ISO-8601 timestamp with a time zone, normalised to UTC. */
export function isoTimeArg(value: string): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const date = new Date(value);
  if (!hasZone || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`"${value}" is not an ISO-8601 time with a zone (e.g. 2026-01-01T00:00:00Z).`);
  }
  return date.toISOString();
}

export interface CurrencyValue {
  currency: string;
  value: Decimal;
}

/** `USD=0.00001` → {currency: 'USD', value}; repeatable flags collect into an array. */
export function currencyValueArg(value: string, previous: CurrencyValue[] = []): CurrencyValue[] {
  const match = /^([A-Za-z]{3})=(.+)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`"${value}" must look like CURRENCY=NUMBER (e.g. USD=0.00001).`);
  const parsed = parseAmountText(match[2]!);
  if (!parsed) throw new InvalidArgumentError(`"${match[2]}" in "${value}" is not a decimal number (${AMOUNT_TEXT_RULE}).`);
  if (!parsed.gt(0)) throw new InvalidArgumentError(`the rate in "${value}" must be greater than zero.`);
  return [...previous, { currency: match[1]!.toUpperCase(), value: parsed }];
}

/** `key=value`, repeatable, into a string map. */
export function keyValueArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" must look like key=value.`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidArg(value: string): string {
  if (!UUID.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a UUID.`);
  return value.trim().toLowerCase();
}

export function choiceArg<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`"${value}" is not one of ${choices.join(', ')}.`);
    }
    return value as T;
  };
}

export interface ProductRefArg {
  code: string;
  version?: number | 'default';
}

/** `CODE` or `CODE@VERSION` (a number or `default`), repeatable. */
export function productRefArg(value: string, previous: ProductRefArg[] = []): ProductRefArg[] {
  const match = /^([A-Za-z0-9_-]{1,64})(?:@(\d+|default))?$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`"${value}" must look like CODE or CODE@VERSION (e.g. chat_api@2).`);
  const version = match[2] === undefined ? undefined : match[2] === 'default' ? 'default' : Number.parseInt(match[2], 10);
  if (version === 0) throw new InvalidArgumentError(`"${value}": versions start at 1.`);
  return [...previous, version === undefined ? { code: match[1]! } : { code: match[1]!, version }];
}

/** An absolute http(s) URL, as the payment pages redirect to. */
export function httpUrlArg(value: string): string {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    // not a URL at all: the same message
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new InvalidArgumentError(`"${value}" is not an absolute http(s) URL (e.g. https://app.example/billing).`);
  }
  return value;
}
