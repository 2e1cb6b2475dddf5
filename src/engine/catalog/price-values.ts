import { Decimal, decimalText, isDecimal } from '../../money/decimal.js';
import { MAX_UNITS } from '../../money/amount.js';
import { checkAmount } from '../assets/amounts.js';
import type { Fields } from '../request/fields.js';
import { ANY, type DimensionEntry, type PriceValue, type UsageType } from './pricing-types.js';
import { show } from '../request/show.js';

/** Which amounts a value may carry: the price's usage type, or a fixed price's. */
export type ValueRule = UsageType | 'fixed';

/**
 * Price values are rates, not balances: they may be finer than the fee asset's precision
 * (1.25 per 1,000,000 tokens, 0.000125 USD a token); only the computed fee is rounded.
 */
const PRICE_RULE = { precision: 18, precisionNote: 'prices carry at most 18', sign: 'positive' } as const;

function readPositive(f: Fields, key: string): Decimal | undefined {
  const value = f.decimal(key, false);
  return value && checkAmount(f, key, value, PRICE_RULE) ? value : undefined;
}

function readPackageSize(f: Fields): Decimal | undefined {
  const value = f.decimal('package_size', false);
  if (value === undefined) return undefined;
  if (value.isInteger() && value.gt(0) && value.lte(MAX_UNITS)) return value;
  return f.fail('package_size', `${f.name('package_size')} must be a whole number from 1 to 10^18, got ${show(value)}`);
}

function forbid(f: Fields, key: string, why: string): void {
  if (f.raw(key) !== undefined) f.fail(key, `${f.name(key)} ${why}`);
}

/** One `{name?, unit_price?, volume_rate?, package_size?}`, checked against its price's rule. */
export function readPriceValue(f: Fields, rule: ValueRule): PriceValue {
  const name = f.string('name', { max: 256 });
  const unitPrice = readPositive(f, 'unit_price');
  const volumeRate = readPositive(f, 'volume_rate');
  const packageSize = readPackageSize(f);
  const kind = rule === 'fixed' ? 'fixed' : `${rule} price`;
  forbid(f, 'dimensions', 'needs usage_calculation.billable_dimensions naming its keys');
  if (rule === 'unit' || rule === 'fixed') {
    if (f.raw('unit_price') === undefined) f.fail('unit_price', `${f.name('unit_price')} is required for a ${kind}`);
    forbid(f, 'volume_rate', `does not apply to a ${kind}; give unit_price`);
    forbid(f, 'package_size', `does not apply to a ${kind}; it divides volume_rate`);
  } else if (rule === 'volume') {
    if (f.raw('volume_rate') === undefined) f.fail('volume_rate', `${f.name('volume_rate')} is required for a volume price`);
    forbid(f, 'unit_price', 'does not apply to a volume price; give volume_rate (use unit_and_volume for both)');
  } else {
    if (f.raw('unit_price') === undefined && f.raw('volume_rate') === undefined) {
      f.fail('unit_price', `${f.name('unit_price')} or volume_rate is required for a unit_and_volume price`);
    }
    if (f.raw('volume_rate') === undefined) forbid(f, 'package_size', 'divides volume_rate, which is not given');
  }
  const value: PriceValue = {};
  if (name !== undefined) value.name = name;
  if (unitPrice) value.unit_price = unitPrice;
  if (volumeRate) value.volume_rate = volumeRate;
  if (packageSize) value.package_size = packageSize;
  return value;
}

/** A dimension value as text: data is compared as strings, so 4 and "4" are one value. */
export function dimensionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isDecimal(value)) return decimalText(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * The exactly one value a price carries without dimensions, or a dimensional entry
 * carries inside: tiers are not part of the contract, so a second value is refused
 * rather than silently ignored.
 */
export function readSingleValue(f: Fields, rule: ValueRule): PriceValue | undefined {
  const values = f.objects('values');
  if (values === undefined) return f.fail('values', `${f.name('values')} is required`);
  if (values.length !== 1) {
    return f.fail('values', `${f.name('values')} must hold exactly one value, got ${values.length}`);
  }
  return readPriceValue(values[0], rule);
}

/**
 * `{name?, dimensions: {key: value | "*"}, values: [one value]}`. A billable dimension the
 * entry leaves out counts as "*". Returns the entry and its full key for duplicate checks.
 */
export function readDimensionEntry(
  f: Fields,
  billable: string[],
  rule: ValueRule,
): { entry: DimensionEntry; key: string } | undefined {
  const name = f.string('name', { max: 256 });
  const dims = f.object('dimensions');
  if (!dims) {
    if (f.raw('dimensions') === undefined) {
      f.fail('dimensions', `${f.name('dimensions')} is required: the price has billable_dimensions`);
    }
    readSingleValue(f, rule);
    return undefined;
  }
  const dimensions: Record<string, string> = {};
  for (const key of dims.keys()) {
    if (!billable.includes(key)) {
      dims.fail(key, `${dims.name(key)} is not one of billable_dimensions (${billable.join(', ')})`);
      continue;
    }
    const text = dimensionText(dims.raw(key));
    if (text === undefined || text === '' || text.length > 256) {
      dims.fail(key, `${dims.name(key)} must be a non-empty string, number or boolean, or "*", got ${show(dims.raw(key))}`);
    } else {
      dimensions[key] = text;
    }
  }
  const value = readSingleValue(f, rule);
  if (!value) return undefined;
  const entry: DimensionEntry = { ...(name !== undefined ? { name } : {}), dimensions, values: [value] };
  return { entry, key: JSON.stringify(billable.map((d) => dimensions[d] ?? ANY)) };
}
