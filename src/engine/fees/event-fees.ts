import { MAX_UNITS } from '../../money/amount.js';
import { Decimal, isDecimal } from '../../money/decimal.js';
import { parseNumberText } from '../../money/number-text.js';
import type { EventInput } from './event-input.js';
import { fixedOf, ten } from '../assets/fixed.js';
import { priceFees, type CompiledPrice, type Fee, type PriceIndex, type Quantity } from './price-index.js';
import { show } from '../request/show.js';

/** 10^18: the most units of an asset a fee may charge, and the largest quantity. */
const MAX = ten(18);
const LIMITS: bigint[] = [];
/** MAX × 10^precision: the most units of 10^-precision a fee may charge (made once per precision). */
function limit(precision: number): bigint {
  return (LIMITS[precision] ??= MAX * ten(precision));
}

/**
 * A volume as the data gives it: a JSON number, or text in the same grammar (JSON's,
 * surrounding whitespace ignored: parseNumberText, shared with the CLI's --data and CSV),
 * ≥ 0, at most 10^18. -0 is 0, whichever way it is written.
 */
function readQuantity(raw: unknown): Quantity | undefined {
  // A safe integer (JSON integers of up to 15 digits arrive as numbers): exact as it is.
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) return undefined;
    const units = raw === 0 ? 0 : raw;
    return { fixed: { units: BigInt(units), scale: 0 }, given: units };
  }
  let value: Decimal | undefined;
  if (isDecimal(raw)) value = raw.isZero() ? new Decimal(0) : raw;
  else if (typeof raw === 'string') value = parseNumberText(raw);
  if (!value || value.isNeg() || value.gt(MAX_UNITS) || value.decimalPlaces() > 18) return undefined;
  return { fixed: fixedOf(value), given: value };
}

function priceLabel(price: CompiledPrice): string {
  const name = price.name === null ? '' : ` ${JSON.stringify(price.name)}`;
  return `price${name} of ${price.version.productCode} v${price.version.version}`;
}

/**
 * Every fee an event incurs under `index`. A price whose volume field is absent from the
 * data (or null, or "") charges nothing (the event is still accepted); one that is present but not a
 * usable number is a problem of the event (`events[i].data.<field>`), as is a fee beyond
 * 10^18.
 */
export function eventFees(index: PriceIndex, event: EventInput): Fee[] {
  const fees: Fee[] = [];
  // Made on the first problem only: most events have none.
  let failed: Set<string> | undefined;
  const fail = (key: string, message: string) => {
    if (failed?.has(key)) return;
    (failed ??= new Set()).add(key);
    event.fields.fail(key, message);
  };
  const prices = index.pricesFor(event.eventType);
  for (let p = 0; p < prices.length; p++) {
    const price = prices[p];
    let quantity: Quantity | undefined;
    if (price.volumeField !== undefined) {
      // Own keys only: a field named like an Object.prototype member is absent, not a function.
      const raw = Object.hasOwn(event.data, price.volumeField) ? event.data[price.volumeField] : undefined;
      // Absent, null and "" (an empty CSV cell's meaning) alike: no quantity, no fee.
      if (raw === undefined || raw === null || raw === '') continue;
      quantity = readQuantity(raw);
      if (!quantity) {
        const key = `data.${price.volumeField}`;
        const what = `the quantity of the ${priceLabel(price)}`;
        fail(key, `${event.fields.name(key)} must be a number from 0 to 10^18 (${what}), got ${show(raw)}`);
        continue;
      }
    }
    for (const fee of priceFees(price, event.data, quantity)) {
      if (fee.units > limit(fee.pricing.precision)) {
        const key = price.volumeField ? `data.${price.volumeField}` : 'event_type';
        fail(key, `the ${priceLabel(price)} would charge more than 10^18 ${fee.asset}`);
      }
      fees.push(fee);
    }
  }
  return fees;
}
