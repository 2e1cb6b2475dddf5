import { Decimal, isDecimal } from '../money/decimal.js';
import type { Asset, Rate } from '../client/types.js';
import type { Product, ProductVersion } from '../client/catalog-types.js';
import { canon, diffCanon, normalizeProductBody, type Canon, type FieldChange } from './canonical.js';
import type { AssetSpec, PricingFile, ProductSpec, RateSpec } from './model.js';
import type { LiveState } from './live.js';

export type Action = 'create' | 'add-rate' | 'new-version' | 'make-default' | 'unchanged' | 'replace';

/** One request apply sends; `{version}` in a path is the version the previous step created. */
export interface Step {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export interface PlanItem {
  kind: 'asset' | 'product';
  code: string;
  action: Action;
  changes: FieldChange[];
  steps: Step[];
  notes: string[];
}

export interface Plan {
  items: PlanItem[];
}

export interface PlanOptions {
  now: Date;
  /** Plan the requests of `apply --make-default`: a new version is made the default too. */
  makeDefault?: boolean;
}

/** Changes apply would make (everything but `unchanged`). */
export function pendingItems(plan: Plan): PlanItem[] {
  return plan.items.filter((i) => i.action !== 'unchanged');
}

const dec = (v: unknown) => (v === undefined || v === null ? undefined : new Decimal(isDecimal(v) ? v : String(v)));

function sameRate(file: RateSpec, live: Rate): boolean {
  const rate = dec(live.rate);
  const inverse = dec(live.inverse_rate);
  if (file.rate && rate && file.rate.eq(rate)) return true;
  if (file.inverse_rate && inverse && file.inverse_rate.eq(inverse)) return true;
  // The exact reciprocal of what the API reports (it rounds one side of 1/3).
  if (file.rate && inverse && file.rate.times(inverse).eq(1)) return true;
  if (file.inverse_rate && rate && file.inverse_rate.times(rate).eq(1)) return true;
  return false;
}

function rateValue(r: RateSpec | Rate): Canon {
  return r.rate !== undefined && r.rate !== null ? (canon(r.rate) as Canon) : ({ inverse_rate: canon(r.inverse_rate) } as Canon);
}

function rateBody(r: RateSpec, withTime: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = { source: r.source.toUpperCase() };
  if (r.rate !== undefined) body.rate = r.rate;
  else body.inverse_rate = r.inverse_rate;
  if (withTime && r.effective_at) body.effective_at = r.effective_at;
  return body;
}

/** Per source: the rate in force now, and the ones scheduled for later. */
function splitRates(rates: RateSpec[], now: number): { current: Map<string, RateSpec>; future: RateSpec[] } {
  const current = new Map<string, { at: number; rate: RateSpec }>();
  const future: RateSpec[] = [];
  for (const rate of rates) {
    const at = rate.effective_at ? Date.parse(rate.effective_at) : -Infinity;
    if (at > now) {
      future.push(rate);
      continue;
    }
    const source = rate.source.toUpperCase();
    const seen = current.get(source);
    if (!seen || at >= seen.at) current.set(source, { at, rate });
  }
  return { current: new Map([...current].map(([k, v]) => [k, v.rate])), future };
}

function planAsset(spec: AssetSpec, live: Asset | undefined, now: Date): PlanItem {
  const code = spec.code;
  const item: PlanItem = { kind: 'asset', code, action: 'unchanged', changes: [], steps: [], notes: [] };
  const { current, future } = splitRates(spec.rates ?? [], now.getTime());
  const ratesPath = `/assets/${encodeURIComponent(code)}/rates`;
  if (!live) {
    item.action = 'create';
    const body: Record<string, unknown> = { code, name: spec.name };
    if (spec.label !== undefined) body.label = spec.label;
    if (spec.symbol !== undefined) body.symbol = spec.symbol;
    body.precision = spec.precision;
    body.rates = [...current.values()].map((r) => rateBody(r, false));
    item.steps.push({ method: 'POST', path: '/assets', body });
    for (const r of future) item.steps.push({ method: 'POST', path: ratesPath, body: rateBody(r, true) });
    item.changes = fieldsOf(canon({ ...body, rates: [...current.values(), ...future].map((r) => rateBody(r, true)) }));
    return item;
  }
  const fields: [string, unknown, unknown][] = [
    ['name', live.name, spec.name],
    ['label', live.label, spec.label],
    ['symbol', live.symbol, spec.symbol],
    ['precision', live.precision, spec.precision],
  ];
  for (const [field, was, wanted] of fields) {
    const change = diffCanon(canon(was), canon(wanted), field);
    if (change.length > 0) item.changes.push(...change);
  }
  if (item.changes.length > 0) {
    item.action = 'replace';
    item.notes.push(
      `the API cannot change an asset's ${item.changes.map((c) => c.path).join(', ')} in place: declare a new asset code (apply refuses this change)`,
    );
  }
  for (const [source, rate] of current) {
    const active = live.rates.find((r) => r.source.toUpperCase() === source);
    if (active && sameRate(rate, active)) continue;
    item.changes.push({ path: `rates.${source}`, from: active ? rateValue(active) : undefined, to: rateValue(rate) });
    item.steps.push({ method: 'POST', path: ratesPath, body: rateBody(rate, false) });
  }
  const scheduled = live.scheduled_rates ?? [];
  for (const rate of future) {
    const source = rate.source.toUpperCase();
    const at = Date.parse(rate.effective_at!);
    const same = scheduled.filter((s) => s.source.toUpperCase() === source && Date.parse(s.effective_at) === at);
    // Ties at one instant go to the newest entry, which the API lists last.
    const effective = same[same.length - 1];
    if (effective && sameRate(rate, effective)) continue;
    item.changes.push({
      path: `rates.${source}@${new Date(at).toISOString()}`,
      from: effective ? rateValue(effective) : undefined,
      to: rateValue(rate),
    });
    item.steps.push({ method: 'POST', path: ratesPath, body: rateBody(rate, true) });
  }
  for (const s of scheduled) {
    const at = Date.parse(s.effective_at);
    if (!future.some((r) => r.source.toUpperCase() === s.source.toUpperCase() && Date.parse(r.effective_at!) === at)) {
      item.notes.push(`a ${s.source} rate scheduled for ${s.effective_at} is live but not in the file (left alone: rates are never deleted)`);
    }
  }
  if (item.action !== 'replace' && item.steps.length > 0) item.action = 'add-rate';
  if (item.action === 'replace') item.steps = [];
  return item;
}

/** A new object's fields, one change each (`from` absent). */
function fieldsOf(value: Canon | undefined): FieldChange[] {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value) || isDecimal(value)) return [];
  return Object.entries(value).map(([path, to]) => ({ path, to }));
}

function productBody(spec: ProductSpec): Record<string, unknown> {
  const body: Record<string, unknown> = { name: spec.name };
  if (spec.description !== undefined) body.description = spec.description;
  body.prices = spec.prices;
  if (spec.entitlements !== undefined) body.entitlements = spec.entitlements;
  return body;
}

function defaultVersion(product: Product): ProductVersion | undefined {
  const versions = product.versions ?? [];
  return versions.find((v) => v.is_default) ?? versions.find((v) => String(v.version) === String(product.default_version));
}

function planProduct(
  spec: ProductSpec,
  live: Product | undefined,
  liveProducts: Product[],
  fileCodes: Set<string>,
  opts: PlanOptions,
): PlanItem {
  const item: PlanItem = { kind: 'product', code: spec.code, action: 'unchanged', changes: [], steps: [], notes: [] };
  const wanted = normalizeProductBody(spec);
  if (!live) {
    item.action = 'create';
    item.changes = fieldsOf(canon({ code: spec.code, ...wanted }));
    item.steps.push({ method: 'POST', path: '/products', body: { code: spec.code, ...productBody(spec), publish: true } });
    const renamed = liveProducts.find((p) => p.name === spec.name && !fileCodes.has(p.code.toUpperCase()));
    if (renamed) {
      item.notes.push(
        `product ${renamed.code} has the same name: a product's code cannot change in place, so apply creates ${spec.code} as a new product and leaves ${renamed.code} alone`,
      );
    }
    return item;
  }
  const path = `/products/${encodeURIComponent(live.id)}`;
  const current = defaultVersion(live);
  const diff = diffCanon(current ? normalizeProductBody(current) : undefined, wanted);
  if (diff.length === 0) return item;
  const published = (live.versions ?? []).filter((v) => v.status === 'published');
  const match = published.find((v) => diffCanon(normalizeProductBody(v), wanted).length === 0);
  const defaultText = current ? `version ${current.version}` : 'no version';
  if (match) {
    // New subscribers get the default version, not the newest: a matching version that is
    // not the default is a change still to make, whatever flags plan was given.
    const n = Number(match.version.toString());
    item.action = 'make-default';
    item.changes = [{ path: 'default_version', from: current ? canon(current.version) : undefined, to: canon(match.version) }, ...diff];
    item.notes.push(
      `version ${n} is not the default: it matches the file, but new subscribers get ${defaultText}; \`credyt pricing apply --make-default\` switches`,
    );
    item.steps.push({ method: 'PATCH', path: `${path}/${n}`, body: { make_default: true } });
    return item;
  }
  item.action = 'new-version';
  item.changes = diff;
  item.steps.push({ method: 'POST', path, body: { ...productBody(spec), publish: true } });
  if (opts.makeDefault) item.steps.push({ method: 'PATCH', path: `${path}/{version}`, body: { make_default: true } });
  else item.notes.push(`without --make-default, apply publishes a new version and new subscribers keep getting ${defaultText}`);
  return item;
}

/**
 * Compares a file with the live configuration. Assets and products are matched by code
 * (case-insensitively); what is live but not in the file is left alone (apply never
 * deletes). Rates: the file's rate in force now is compared with the active rate, its
 * future rates with the scheduled ones. Products: the file with the default version.
 */
export function planPricing(file: PricingFile, live: LiveState, opts: PlanOptions): Plan {
  const items: PlanItem[] = [];
  const byCode = <T extends { code: string }>(list: T[], code: string) =>
    list.find((x) => x.code.toUpperCase() === code.toUpperCase());
  for (const asset of file.assets) items.push(planAsset(asset, byCode(live.assets, asset.code), opts.now));
  const fileCodes = new Set(file.products.map((p) => p.code.toUpperCase()));
  for (const product of file.products) {
    items.push(planProduct(product, byCode(live.products, product.code), live.products, fileCodes, opts));
  }
  return { items };
}
