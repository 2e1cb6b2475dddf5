import type { Decimal } from '../money/decimal.js';
import { DEFAULT_ACCOUNT } from './accounts.js';
import { findAsset } from './asset-registry.js';
import { feeAmount } from './fee-math.js';
import { dimensionText } from './price-values.js';
import { ANY, isDimensionEntry, type Price, type PriceValue, type UsagePrice } from './pricing-types.js';
import type { Store } from './store.js';
import type { FeeView } from './types.js';

/** A product version a customer is billed from (or a simulation runs against). */
export interface PricedVersion {
  productSeq: number;
  productId: string;
  productCode: string;
  version: number;
  /** Published versions never change, so their compiled prices may be cached. */
  published: boolean;
  prices: () => Price[];
}

interface Entry {
  /** One value per billable dimension, "*" where the entry leaves it open. */
  dims: string[];
  specificity: number;
  value: PriceValue;
  name: string | undefined;
}

export interface CompiledPrice {
  version: PricedVersion;
  eventType: string;
  name: string | null;
  /** The data field holding the quantity; unset for `unit` prices, which read none. */
  volumeField: string | undefined;
  dimensions: string[];
  pricing: { asset: string; precision: number; entries: Entry[] }[];
}

/** A fee before it is tied to a customer: what the price charged, exactly and rounded. */
export interface Fee {
  view: FeeView;
  rounded: boolean;
}

function compile(store: Store, version: PricedVersion, price: UsagePrice): CompiledPrice {
  const dimensions = price.usage_calculation.billable_dimensions ?? [];
  const calc = price.usage_calculation;
  return {
    version,
    eventType: calc.event_type,
    name: price.name ?? null,
    volumeField: calc.usage_type === 'unit' ? undefined : calc.volume_field,
    dimensions,
    pricing: price.pricing.map(({ asset, values }) => ({
      asset,
      // Asset precision never changes once created, so it is read once here.
      precision: findAsset(store, asset)?.precision ?? 0,
      entries: values.map((v) => {
        if (!isDimensionEntry(v)) return { dims: [], specificity: 0, value: v, name: v.name };
        const dims = dimensions.map((d) => v.dimensions[d] ?? ANY);
        const value = v.values[0];
        return { dims, specificity: dims.filter((d) => d !== ANY).length, value, name: v.name ?? value.name };
      }),
    })),
  };
}

/** The usage prices of a version, compiled; kept (Store.memo) when the version is published. */
function compiledPrices(store: Store, version: PricedVersion): CompiledPrice[] {
  const make = () =>
    version
      .prices()
      .filter((p): p is UsagePrice => p.type === 'usage_based')
      .map((p) => compile(store, version, p));
  if (!version.published) return make();
  return store.memo(`compiled prices ${version.productSeq}:${version.version}`, make);
}

/** Exact beats "*", more exact dimensions beat fewer, and the first entry wins a tie. */
function match(entries: Entry[], values: (string | undefined)[]): Entry | undefined {
  let best: Entry | undefined;
  for (const entry of entries) {
    if (!entry.dims.every((d, i) => d === ANY || d === values[i])) continue;
    if (!best || entry.specificity > best.specificity) best = entry;
  }
  return best;
}

/** Prices by event type over a set of versions: what one event is billed by. */
export class PriceIndex {
  private readonly byType = new Map<string, CompiledPrice[]>();

  constructor(store: Store, versions: PricedVersion[]) {
    for (const version of versions) {
      for (const price of compiledPrices(store, version)) {
        const list = this.byType.get(price.eventType);
        if (list) list.push(price);
        else this.byType.set(price.eventType, [price]);
      }
    }
  }

  pricesFor(eventType: string): CompiledPrice[] {
    return this.byType.get(eventType) ?? [];
  }
}

/**
 * The fees one price charges for an event: one per pricing entry (one per asset) whose
 * values match the event's dimensions. `quantity` is the checked volume, for prices that
 * read one. The fee's `dimensions` are the event's values of the billable dimensions.
 */
export function priceFees(price: CompiledPrice, data: Record<string, unknown>, quantity: Decimal | undefined): Fee[] {
  const values = price.dimensions.map((d) => (Object.hasOwn(data, d) ? dimensionText(data[d]) : undefined));
  const dimensions: Record<string, string> = {};
  price.dimensions.forEach((d, i) => {
    if (values[i] !== undefined) dimensions[d] = values[i] as string;
  });
  const fees: Fee[] = [];
  for (const pricing of price.pricing) {
    const entry = price.dimensions.length > 0 ? match(pricing.entries, values) : pricing.entries[0];
    if (!entry) continue;
    const { amount, rounded } = feeAmount(entry.value, quantity, pricing.precision);
    const view: FeeView = {
      product_id: price.version.productId,
      product_code: price.version.productCode,
      product_version: price.version.version,
      price_name: price.name ?? entry.name ?? null,
      asset: pricing.asset,
      amount,
      account_id: `${DEFAULT_ACCOUNT}:${pricing.asset}`,
      dimensions,
    };
    if (quantity !== undefined) view.quantity = quantity;
    fees.push({ view, rounded });
  }
  return fees;
}
