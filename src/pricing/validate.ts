import { Decimal, isDecimal } from '../money/decimal.js';
import type { LoadedFile } from './model.js';
import { pathText, type AssetSpec, type Path, type PricingFile, type Problem } from './model.js';
import { FIAT_PRECISION, isFiat } from './fiat.js';

const MAX_UNITS = new Decimal('1e18');

/** Checks one price's values against its usage type (the engine's rules, offline). */
type Rule = 'unit' | 'volume' | 'unit_and_volume' | 'fixed';

/**
 * What the schema cannot say: references, duplicates, the rate pair, amounts at each
 * asset's precision, volume fields, dimension entries, the order of scheduled rates and
 * the shape of each test. Every problem carries its path and line.
 */
export function checkPricingFile(file: PricingFile, loaded: LoadedFile): Problem[] {
  const problems: Problem[] = [];
  const fail = (path: Path, message: string, key = false) =>
    problems.push({ path, message: `${pathText(path)}: ${message}`, line: loaded.lineOf(path, key) ?? loaded.lineOf(path.slice(0, -1)) });

  const precisions = new Map<string, number>();
  const precisionOf = (code: string) => (isFiat(code) ? FIAT_PRECISION : precisions.get(code.toUpperCase()));
  const known = (code: string) => isFiat(code) || precisions.has(code.toUpperCase());

  file.assets.forEach((asset, i) => {
    const upper = asset.code.toUpperCase();
    if (isFiat(upper)) fail(['assets', i, 'code'], `${asset.code} is a built-in fiat currency; declare only custom assets`);
    else if (precisions.has(upper)) fail(['assets', i, 'code'], `duplicate asset code ${asset.code}`);
    else precisions.set(upper, asset.precision.toNumber());
    checkRates(asset, ['assets', i], fail);
  });

  const productCodes = new Map<string, number>();
  file.products.forEach((product, i) => {
    const upper = product.code.toUpperCase();
    if (productCodes.has(upper)) fail(['products', i, 'code'], `duplicate product code ${product.code} (also products[${productCodes.get(upper)}])`);
    else productCodes.set(upper, i);
    product.prices.forEach((price, j) => checkPrice(price, ['products', i, 'prices', j], known, precisionOf, fail));
    (product.entitlements ?? []).forEach((e, j) => {
      const path: Path = ['products', i, 'entitlements', j];
      const asset = String(e.asset);
      if (!known(asset)) fail([...path, 'asset'], `${asset} is neither a fiat currency nor an asset declared in this file`);
      else checkPlaces(e.amount, precisionOf(asset)!, [...path, 'amount'], asset, fail);
      if (e.refresh !== undefined && e.lifecycle !== undefined) fail([...path, 'lifecycle'], 'give either refresh or lifecycle, not both');
      const refresh = e.refresh as Record<string, unknown> | undefined;
      if (refresh && refresh.interval === undefined) fail([...path, 'refresh'], 'refresh needs an interval (day, week, month or year)');
    });
  });

  const testNames = new Set<string>();
  file.tests.forEach((test, i) => {
    const path: Path = ['tests', i];
    if (testNames.has(test.name)) fail([...path, 'name'], `duplicate test name "${test.name}"`);
    testNames.add(test.name);
    const { quote, simulate, expect } = test;
    if ((quote === undefined) === (simulate === undefined)) {
      fail(path, 'give exactly one of quote or simulate');
      return;
    }
    if (quote) {
      if (!precisions.has(quote.asset.toUpperCase())) fail([...path, 'quote', 'asset'], `${quote.asset} is not an asset declared in this file`);
      if (!isFiat(quote.source)) fail([...path, 'quote', 'source'], `${quote.source} is not a fiat currency`);
      else checkQuoteAmount(quote.amount, quote.source, [...path, 'quote', 'amount'], fail);
      if (quote.at !== undefined && Number.isNaN(Date.parse(quote.at))) fail([...path, 'quote', 'at'], `${quote.at} is not a valid date-time`);
      if (expect.quantity === undefined) fail([...path, 'expect'], 'a quote test expects a quantity');
      else if (precisions.has(quote.asset.toUpperCase())) checkPlaces(expect.quantity, precisionOf(quote.asset)!, [...path, 'expect', 'quantity'], quote.asset, fail);
      if (expect.total || expect.fees) fail([...path, 'expect'], 'total and fees go with simulate, not quote');
    } else if (simulate) {
      if (!productCodes.has(simulate.product.toUpperCase())) fail([...path, 'simulate', 'product'], `${simulate.product} is not a product declared in this file`);
      if (expect.total === undefined && expect.fees === undefined) fail([...path, 'expect'], 'a simulate test expects a total, fees or both');
      if (expect.quantity !== undefined) fail([...path, 'expect', 'quantity'], 'quantity goes with quote, not simulate');
      for (const [asset, amount] of Object.entries(expect.total ?? {})) {
        if (!known(asset)) fail([...path, 'expect', 'total', asset], `${asset} is neither a fiat currency nor a declared asset`, true);
        else checkPlaces(amount, precisionOf(asset)!, [...path, 'expect', 'total', asset], asset, fail);
      }
      (expect.fees ?? []).forEach((fee, j) => {
        const at: Path = [...path, 'expect', 'fees', j];
        if (!known(fee.asset)) fail([...at, 'asset'], `${fee.asset} is neither a fiat currency nor a declared asset`);
        else checkPlaces(fee.amount, precisionOf(fee.asset)!, [...at, 'amount'], fee.asset, fail);
      });
    }
  });
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

type Fail = (path: Path, message: string, key?: boolean) => void;

function checkPlaces(value: unknown, precision: number, path: Path, asset: string, fail: Fail): void {
  if (!isDecimal(value)) return;
  if (value.decimalPlaces() > precision) {
    fail(path, `${value.toFixed()} has ${value.decimalPlaces()} decimal places; ${asset} has precision ${precision}`);
  }
}

/** The engine's rule for a quote's `amount`, so `test --local` cannot refuse what passed here. */
function checkQuoteAmount(value: Decimal, source: string, path: Path, fail: Fail): void {
  if (!value.gt(0)) fail(path, 'must be greater than zero');
  else if (value.gt(MAX_UNITS)) fail(path, 'must be at most 10^18');
  else checkPlaces(value, FIAT_PRECISION, path, source.toUpperCase(), fail);
}

function checkRateValue(value: Decimal | undefined, path: Path, fail: Fail): void {
  if (value === undefined) return;
  if (value.decimalPlaces() > 18) fail(path, `${value.toFixed()} has more than 18 decimal places`);
  else if (value.gt(MAX_UNITS)) fail(path, 'must be at most 10^18');
}

function checkRates(asset: AssetSpec, path: Path, fail: Fail): void {
  const lastScheduled = new Map<string, { at: number; index: number }>();
  const immediate = new Map<string, number>();
  (asset.rates ?? []).forEach((rate, i) => {
    const at: Path = [...path, 'rates', i];
    const source = rate.source.toUpperCase();
    if (!isFiat(source)) fail([...at, 'source'], `${rate.source} is not a fiat currency`);
    if ((rate.rate === undefined) === (rate.inverse_rate === undefined)) {
      fail(at, 'give exactly one of rate or inverse_rate');
    }
    checkRateValue(rate.rate, [...at, 'rate'], fail);
    checkRateValue(rate.inverse_rate, [...at, 'inverse_rate'], fail);
    if (rate.effective_at === undefined) {
      const other = immediate.get(source);
      if (other !== undefined) fail(at, `a second ${source} rate without effective_at (also rates[${other}]); schedule one with effective_at`);
      else immediate.set(source, i);
      return;
    }
    const time = Date.parse(rate.effective_at);
    if (Number.isNaN(time)) {
      fail([...at, 'effective_at'], `${rate.effective_at} is not a valid date-time`);
      return;
    }
    const previous = lastScheduled.get(source);
    if (previous && time <= previous.at) {
      fail(
        [...at, 'effective_at'],
        time === previous.at
          ? `${source} has two rates effective at ${rate.effective_at} (also rates[${previous.index}])`
          : `scheduled ${source} rates must be in order of effective_at: this one is earlier than rates[${previous.index}]`,
      );
    }
    lastScheduled.set(source, { at: Math.max(time, previous?.at ?? time), index: i });
  });
}

function checkPrice(
  price: Record<string, unknown>,
  path: Path,
  known: (code: string) => boolean,
  precisionOf: (code: string) => number | undefined,
  fail: Fail,
): void {
  const type = price.type as string;
  const model = price.billing_model as { type?: string; recurring?: { interval?: string } } | undefined;
  const calc = price.usage_calculation as
    | { usage_type?: string; volume_field?: string; billable_dimensions?: string[] }
    | undefined;
  let rule: Rule = 'fixed';
  let billable: string[] = [];
  if (type === 'usage_based') {
    if (model && model.type !== 'real_time') fail([...path, 'billing_model', 'type'], 'a usage_based price is billed real_time');
    if (!calc) return fail([...path, 'usage_calculation'], 'usage_calculation is required for a usage_based price', true);
    rule = (calc.usage_type ?? 'unit') as Rule;
    if ((rule === 'volume' || rule === 'unit_and_volume') && calc.volume_field === undefined) {
      fail([...path, 'usage_calculation'], `a ${rule} price needs a volume_field: the quantity in the event's data`);
    }
    billable = calc.billable_dimensions ?? [];
    billable.forEach((d, i) => {
      if (billable.indexOf(d) !== i) fail([...path, 'usage_calculation', 'billable_dimensions', i], `${d} is listed twice`);
    });
  } else if (type === 'fixed') {
    if (!model?.recurring?.interval || model.type !== 'recurring') {
      fail([...path, 'billing_model'], 'a fixed price needs billing_model {type: recurring, recurring: {interval}}');
    }
    if (calc) fail([...path, 'usage_calculation'], 'usage_calculation does not apply to a fixed price', true);
  }
  const pricing = price.pricing as { asset: string; values: Record<string, unknown>[] }[];
  const seen = new Set<string>();
  pricing.forEach((entry, i) => {
    const at: Path = [...path, 'pricing', i];
    if (!known(entry.asset)) fail([...at, 'asset'], `${entry.asset} is neither a fiat currency nor an asset declared in this file`);
    else if (seen.has(entry.asset.toUpperCase())) fail([...at, 'asset'], `${entry.asset} appears twice in this price's pricing`);
    seen.add(entry.asset.toUpperCase());
    const precision = precisionOf(entry.asset);
    if (billable.length === 0) {
      if (entry.values.length !== 1) fail([...at, 'values'], `must hold exactly one value, got ${entry.values.length} (tiers are not part of the API)`);
      entry.values.forEach((v, j) => checkValue(v, [...at, 'values', j], rule, precision, entry.asset, fail));
      return;
    }
    const combos = new Map<string, number>();
    entry.values.forEach((v, j) => {
      const vp: Path = [...at, 'values', j];
      const dims = v.dimensions as Record<string, unknown> | undefined;
      if (dims === undefined) return fail(vp, `a dimension entry needs dimensions (the price has billable_dimensions ${billable.join(', ')})`);
      for (const [key, value] of Object.entries(dims)) {
        if (!billable.includes(key)) fail([...vp, 'dimensions', key], `${key} is not one of billable_dimensions (${billable.join(', ')})`, true);
        if (value === '' || (typeof value === 'string' && value.length > 256)) fail([...vp, 'dimensions', key], 'must be a non-empty value or "*"');
      }
      const combo = JSON.stringify(billable.map((d) => (dims[d] === undefined ? '*' : String(dims[d]))));
      const first = combos.get(combo);
      if (first !== undefined) fail([...vp, 'dimensions'], `duplicates values[${first}]: each combination is priced once`);
      else combos.set(combo, j);
      for (const k of ['unit_price', 'volume_rate', 'package_size']) {
        if (v[k] !== undefined) fail([...vp, k], 'a dimension entry holds its price in values: [{…}]', true);
      }
      const inner = v.values as Record<string, unknown>[] | undefined;
      if (!inner || inner.length !== 1) return fail([...vp, 'values'], 'a dimension entry holds exactly one value');
      checkValue(inner[0]!, [...vp, 'values', 0], rule, precision, entry.asset, fail);
    });
  });
}

function checkValue(
  v: Record<string, unknown>,
  path: Path,
  rule: Rule,
  precision: number | undefined,
  asset: string,
  fail: Fail,
): void {
  if (v.dimensions !== undefined || v.values !== undefined) {
    return fail(path, 'dimensions need usage_calculation.billable_dimensions naming their keys');
  }
  const has = (k: string) => v[k] !== undefined;
  for (const k of ['unit_price', 'volume_rate']) checkRateValue(v[k] as Decimal | undefined, [...path, k], fail);
  if (rule === 'unit' || rule === 'fixed') {
    if (!has('unit_price')) fail(path, `unit_price is required for a ${rule === 'fixed' ? 'fixed' : 'unit'} price`);
    if (has('volume_rate')) fail([...path, 'volume_rate'], `does not apply to a ${rule} price; give unit_price`, true);
    if (has('package_size')) fail([...path, 'package_size'], `does not apply to a ${rule} price`, true);
    if (rule === 'fixed' && precision !== undefined) checkPlaces(v.unit_price, precision, [...path, 'unit_price'], asset, fail);
  } else if (rule === 'volume') {
    if (!has('volume_rate')) fail(path, 'volume_rate is required for a volume price');
    if (has('unit_price')) fail([...path, 'unit_price'], 'does not apply to a volume price (use unit_and_volume for both)', true);
  } else {
    if (!has('unit_price') && !has('volume_rate')) fail(path, 'unit_price or volume_rate is required for a unit_and_volume price');
    if (!has('volume_rate') && has('package_size')) fail([...path, 'package_size'], 'divides volume_rate, which is not given', true);
  }
}
