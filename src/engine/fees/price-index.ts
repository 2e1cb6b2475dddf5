import { Decimal } from '../../money/decimal.js';
import { DEFAULT_ACCOUNT } from '../ledger/accounts.js';
import { findAsset } from '../assets/asset-registry.js';
import { feeUnits, fixedValue, type FixedValue } from './fee-math.js';
import { fixedText, type Fixed } from '../assets/fixed.js';
import { dimensionText } from '../catalog/price-values.js';
import { ANY, isDimensionEntry, type Price, type PriceValue, type UsagePrice } from '../catalog/pricing-types.js';
import type { Store } from '../store/store.js';
import type { FeeView } from '../types.js';

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
  fixed: FixedValue;
  name: string | undefined;
  /** The fee's JSON up to its amount, and from the amount to its dimensions: the same
   *  for every fee of this entry, so written once (see Fee.json). */
  head: string;
  middle: string;
  /** The stored form's opening up to the amount (see Fee.stored). */
  storedHead: string;
}

interface Pricing {
  asset: string;
  precision: number;
  entries: Entry[];
}

export interface CompiledPrice {
  version: PricedVersion;
  eventType: string;
  name: string | null;
  /** The data field holding the quantity; unset for `unit` prices, which read none. */
  volumeField: string | undefined;
  dimensions: string[];
  pricing: Pricing[];
}

/** A volume as read from an event: exact integers for the arithmetic, and as given. */
export interface Quantity {
  fixed: Fixed;
  /** A safe integer (from JSON or an in-process caller), or a Decimal. */
  given: number | Decimal;
}

/** A fee before it is tied to a customer: what the price charged, exactly and rounded. */
export class Fee {
  private view_: FeeView | undefined;

  constructor(
    readonly price: CompiledPrice,
    readonly pricing: Pricing,
    private readonly entry: Entry,
    /** The fee in units of 10^-precision of its asset. */
    readonly units: bigint,
    readonly rounded: boolean,
    private readonly quantity: Quantity | undefined,
    private readonly dimensions: Record<string, string>,
  ) {}

  get asset(): string {
    return this.pricing.asset;
  }

  /** The amount as shortest exact text. */
  amountText(): string {
    return fixedText(this.units, this.pricing.precision);
  }

  get view(): FeeView {
    if (this.view_) return this.view_;
    const { price, pricing, entry, quantity } = this;
    const view: FeeView = {
      product_id: price.version.productId,
      product_code: price.version.productCode,
      product_version: price.version.version,
      price_name: price.name ?? entry.name ?? null,
      asset: pricing.asset,
      amount: new Decimal(this.amountText()),
      account_id: `${DEFAULT_ACCOUNT}:${pricing.asset}`,
      dimensions: this.dimensions === NO_DIMENSIONS ? {} : this.dimensions,
    };
    if (quantity !== undefined) view.quantity = typeof quantity.given === 'number' ? new Decimal(quantity.given) : quantity.given;
    return (this.view_ = view);
  }

  /** `stringifyJson(this.view)`, written from the entry's fixed parts. */
  json(): string {
    const { entry, quantity } = this;
    let out = `${entry.head}${this.amountText()}${entry.middle}${dimensionsJson(this.dimensions)}`;
    if (quantity !== undefined) out += `,"quantity":${fixedText(quantity.fixed.units, quantity.fixed.scale)}`;
    return `${out}}`;
  }

  /**
   * The fee as an event row stores it: its members' values without their names, the
   * account (always the asset's default) left out, numbers as their JSON text and the
   * dimensions as a list of names and values in the order json() writes them:
   * `["prp_…","chat_api",1,"input_tokens","USD","0.00125",[],"1000"]`, about 85 bytes
   * instead of json()'s 210. storedFeesJson turns it back into json()'s text.
   */
  stored(): string {
    const { entry, quantity } = this;
    let out = `${entry.storedHead}${this.amountText()}",${dimensionsList(this.dimensions)}`;
    if (quantity !== undefined) out += `,"${fixedText(quantity.fixed.units, quantity.fixed.scale)}"`;
    return `${out}]`;
  }
}

/** An event's fees as its row stores them (Fee.stored each): `[]` when it has none. */
export function storedFeesText(fees: readonly Fee[]): string {
  if (fees.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < fees.length; i++) out += (i === 0 ? '' : ',') + fees[i].stored();
  return `${out}]`;
}

/** One fee of the stored form: product id, code, version, price name, asset, amount, dimensions (name, value, …), quantity?. */
type StoredFee = [string, string, number, string | null, string, string, string[], string?];

/**
 * An event row's fees as the JSON text the engine answers (Fee.json each, in a list):
 * the stored form (storedFeesText, a list of lists) written out again from the same
 * parts, so the text is the one the event was first answered with; rows written before
 * that form (a list of objects, or `[]`) are that text already.
 */
export function storedFeesJson(stored: string): string {
  if (!stored.startsWith('[[')) return stored;
  let out = '[';
  for (const fee of JSON.parse(stored) as StoredFee[]) {
    const [productId, productCode, version, name, asset, amount, dimensions, quantity] = fee;
    const { head, middle } = fixedParts(productId, productCode, version, name, asset);
    let dims = '';
    for (let i = 0; i < dimensions.length; i += 2) dims += `${i === 0 ? '' : ','}${JSON.stringify(dimensions[i])}:${JSON.stringify(dimensions[i + 1])}`;
    out += `${out === '[' ? '' : ','}${head}${amount}${middle}{${dims}}`;
    if (quantity !== undefined) out += `,"quantity":${quantity}`;
    out += '}';
  }
  return `${out}]`;
}

const NO_DIMENSIONS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function dimensionsJson(dimensions: Record<string, string>): string {
  if (dimensions === NO_DIMENSIONS) return '{}';
  let out = '';
  for (const key in dimensions) out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(dimensions[key])}`;
  return `{${out}}`;
}

/** dimensionsJson's names and values as one JSON list, in its order: `["model","gpt-4o"]`. */
function dimensionsList(dimensions: Record<string, string>): string {
  if (dimensions === NO_DIMENSIONS) return '[]';
  let out = '';
  for (const key in dimensions) out += `${out === '' ? '' : ','}${JSON.stringify(key)},${JSON.stringify(dimensions[key])}`;
  return `[${out}]`;
}

/** The JSON of a fee's members that do not change from one fee of an entry to the next. */
function fixedParts(productId: string, productCode: string, version: number, name: string | null, asset: string) {
  const head =
    `{"product_id":${JSON.stringify(productId)},"product_code":${JSON.stringify(productCode)},` +
    `"product_version":${JSON.stringify(version)},"price_name":${JSON.stringify(name)},` +
    `"asset":${JSON.stringify(asset)},"amount":`;
  const middle = `,"account_id":${JSON.stringify(`${DEFAULT_ACCOUNT}:${asset}`)},"dimensions":`;
  return { head, middle };
}

/** An entry's fixed parts, answered (Fee.json) and stored (Fee.stored). */
function entryParts(version: PricedVersion, priceName: string | null, asset: string, entryName: string | undefined) {
  const name = priceName ?? entryName ?? null;
  const storedHead =
    `[${JSON.stringify(version.productId)},${JSON.stringify(version.productCode)},${JSON.stringify(version.version)},` +
    `${JSON.stringify(name)},${JSON.stringify(asset)},"`;
  return { ...fixedParts(version.productId, version.productCode, version.version, name, asset), storedHead };
}

function compile(store: Store, version: PricedVersion, price: UsagePrice): CompiledPrice {
  const dimensions = price.usage_calculation.billable_dimensions ?? [];
  const calc = price.usage_calculation;
  const priceName = price.name ?? null;
  return {
    version,
    eventType: calc.event_type,
    name: priceName,
    volumeField: calc.usage_type === 'unit' ? undefined : calc.volume_field,
    dimensions,
    pricing: price.pricing.map(({ asset, values }) => ({
      asset,
      // Asset precision never changes once created, so it is read once here.
      precision: findAsset(store, asset)?.precision ?? 0,
      entries: values.map((v): Entry => {
        if (!isDimensionEntry(v)) {
          return { dims: [], specificity: 0, value: v, fixed: fixedValue(v), name: v.name, ...entryParts(version, priceName, asset, v.name) };
        }
        const dims = dimensions.map((d) => v.dimensions[d] ?? ANY);
        const value = v.values[0];
        const name = v.name ?? value.name;
        const specificity = dims.filter((d) => d !== ANY).length;
        return { dims, specificity, value, fixed: fixedValue(value), name, ...entryParts(version, priceName, asset, name) };
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
export function priceFees(price: CompiledPrice, data: Record<string, unknown>, quantity: Quantity | undefined): Fee[] {
  const fees: Fee[] = [];
  if (price.dimensions.length === 0) {
    for (const pricing of price.pricing) {
      const entry = pricing.entries[0];
      if (!entry) continue;
      const { units, rounded } = feeUnits(entry.fixed, quantity?.fixed, pricing.precision);
      fees.push(new Fee(price, pricing, entry, units, rounded, quantity, NO_DIMENSIONS));
    }
    return fees;
  }
  // An empty "" value is no value, as an empty CSV cell is: the entry for "any" applies.
  const values = price.dimensions.map((d) => (Object.hasOwn(data, d) && data[d] !== '' ? dimensionText(data[d]) : undefined));
  const dimensions: Record<string, string> = {};
  price.dimensions.forEach((d, i) => {
    if (values[i] !== undefined) dimensions[d] = values[i] as string;
  });
  for (const pricing of price.pricing) {
    const entry = match(pricing.entries, values);
    if (!entry) continue;
    const { units, rounded } = feeUnits(entry.fixed, quantity?.fixed, pricing.precision);
    fees.push(new Fee(price, pricing, entry, units, rounded, quantity, dimensions));
  }
  return fees;
}
