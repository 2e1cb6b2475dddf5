import { findAsset } from '../assets/asset-registry.js';
import type { Fields } from '../request/fields.js';
import { readDimensionEntry, readSingleValue, type ValueRule } from './price-values.js';
import {
  INTERVALS,
  USAGE_TYPES,
  type DimensionEntry,
  type FixedPrice,
  type Price,
  type PriceValue,
  type PricingEntry,
  type UsageCalculation,
  type UsagePrice,
} from './pricing-types.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';

const FIELD_NAME = { max: 255 } as const;

/** `pricing[i].asset`: a fiat currency or a created asset, once per price. */
function readPricingAsset(p: Fields, store: Store, seen: Set<string>): string | undefined {
  const code = p.string('asset', { required: true, max: 32 });
  if (code === undefined) return undefined;
  const asset = findAsset(store, code);
  if (!asset) return p.fail('asset', `${p.name('asset')} ${show(code)} is neither a fiat currency nor a created asset`);
  if (seen.has(asset.code)) return p.fail('asset', `${p.name('asset')} ${asset.code} appears twice in this price's pricing`);
  seen.add(asset.code);
  return asset.code;
}

function readBillableDimensions(u: Fields): string[] {
  const raw = u.raw('billable_dimensions');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    u.fail('billable_dimensions', `${u.name('billable_dimensions')} must be an array of field names`);
    return [];
  }
  const out: string[] = [];
  raw.forEach((item, i) => {
    const key = `billable_dimensions[${i}]`;
    // __proto__ cannot be a plain object's own key, so it could never be matched.
    if (typeof item !== 'string' || item === '' || item.length > 255 || item === '__proto__') {
      u.fail(key, `${u.name(key)} must be a field name, got ${show(item)}`);
    } else if (out.includes(item)) u.fail(key, `${u.name(key)} ${show(item)} is listed twice`);
    else out.push(item);
  });
  return out;
}

function readUsageCalculation(f: Fields): UsageCalculation | undefined {
  const u = f.object('usage_calculation');
  if (!u) {
    if (f.raw('usage_calculation') !== undefined) return undefined;
    return f.fail('usage_calculation', `${f.name('usage_calculation')} is required for a usage_based price`);
  }
  const eventType = u.string('event_type', { required: true, max: 255 });
  const usageType = u.choice('usage_type', USAGE_TYPES);
  const volumeField = u.string('volume_field', FIELD_NAME);
  if (volumeField === '') u.fail('volume_field', `${u.name('volume_field')} must not be empty`);
  if (volumeField === undefined && (usageType === 'volume' || usageType === 'unit_and_volume')) {
    u.fail('volume_field', `${u.name('volume_field')} is required for a ${usageType} price: it names the quantity in the event's data`);
  }
  const reference = u.string('source_reference_field', FIELD_NAME);
  const dimensions = readBillableDimensions(u);
  if (eventType === undefined || usageType === undefined) return undefined;
  const calc: UsageCalculation = { event_type: eventType, usage_type: usageType };
  if (volumeField) calc.volume_field = volumeField;
  if (reference !== undefined) calc.source_reference_field = reference;
  if (dimensions.length > 0) calc.billable_dimensions = dimensions;
  return calc;
}

function readDimensionalValues(p: Fields, billable: string[], rule: ValueRule): DimensionEntry[] {
  const entries = p.objects('values');
  if (entries === undefined) return p.fail('values', `${p.name('values')} is required`) ?? [];
  if (entries.length === 0) p.fail('values', `${p.name('values')} must hold at least one dimension entry`);
  const seen = new Map<string, number>();
  const out: DimensionEntry[] = [];
  entries.forEach((e, i) => {
    const read = readDimensionEntry(e, billable, rule);
    if (!read) return;
    const first = seen.get(read.key);
    if (first === undefined) seen.set(read.key, i);
    else e.fail('dimensions', `${e.name('dimensions')} duplicates values[${first}]: each combination is priced once`);
    out.push(read.entry);
  });
  return out;
}

function readPricing<V>(f: Fields, store: Store, readValues: (p: Fields) => V[]): PricingEntry<V>[] {
  const pricing = f.objects('pricing');
  if (pricing === undefined) return f.fail('pricing', `${f.name('pricing')} is required`) ?? [];
  if (pricing.length === 0) f.fail('pricing', `${f.name('pricing')} must name at least one asset`);
  const seen = new Set<string>();
  return pricing.map((p) => ({ asset: readPricingAsset(p, store, seen) ?? '', values: readValues(p) }));
}

function readUsagePrice(f: Fields, store: Store, name: string | undefined): UsagePrice {
  const model = f.object('billing_model');
  model?.choice('type', ['real_time'] as const);
  const calc = readUsageCalculation(f);
  const rule: ValueRule = calc?.usage_type ?? 'unit_and_volume';
  const billable = calc?.billable_dimensions ?? [];
  const pricing = readPricing<PriceValue | DimensionEntry>(f, store, (p) =>
    billable.length > 0 ? readDimensionalValues(p, billable, rule) : [readSingleValue(p, rule) ?? {}],
  );
  const price = { type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: calc, pricing };
  return (name === undefined ? price : { name, ...price }) as UsagePrice;
}

function readFixedPrice(f: Fields, store: Store, name: string | undefined): FixedPrice {
  const model = f.object('billing_model');
  if (!model && f.raw('billing_model') === undefined) {
    f.fail('billing_model', `${f.name('billing_model')} is required for a fixed price: {type: recurring, recurring: {interval}}`);
  }
  model?.choice('type', ['recurring'] as const);
  const recurring = model?.object('recurring');
  if (model && !recurring && model.raw('recurring') === undefined) model.fail('recurring', `${model.name('recurring')} is required`);
  const interval = recurring?.choice('interval', INTERVALS);
  if (f.raw('usage_calculation') !== undefined) {
    f.fail('usage_calculation', `${f.name('usage_calculation')} does not apply to a fixed price`);
  }
  const pricing = readPricing<PriceValue>(f, store, (p) => [readSingleValue(p, 'fixed') ?? {}]);
  const price = { type: 'fixed', billing_model: { type: 'recurring', recurring: { interval } }, pricing };
  return (name === undefined ? price : { name, ...price }) as FixedPrice;
}

/**
 * One price of a product version (contract §1.11, §2.6): usage_based prices are billed
 * per event; fixed recurring prices are validated and stored, not billed yet. Problems go
 * to `f` under the price's path (`prices[0].pricing[0].values[0].unit_price`).
 */
export function readPrice(f: Fields, store: Store): Price | undefined {
  const name = f.string('name', { max: 256 });
  const type = f.choice('type', ['usage_based', 'fixed'] as const);
  if (type === 'usage_based') return readUsagePrice(f, store, name);
  if (type === 'fixed') return readFixedPrice(f, store, name);
  return undefined;
}

/** Every asset a version's prices use, in first-seen order. */
export function priceAssets(prices: Price[]): string[] {
  return [...new Set(prices.flatMap((p) => p.pricing.map((entry) => entry.asset)))];
}
