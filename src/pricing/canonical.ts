import { Decimal, decimalText, isDecimal } from '../money/decimal.js';
import { isLosslessNumber } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';

/**
 * Canonical values for comparing a file with the live configuration: every number a
 * Decimal (1.00 equals 1), null and absent alike, keys in a stable order. Pure data in,
 * pure data out; used by plan (diffs) and pull (output).
 */
export type Canon = Decimal | string | boolean | Canon[] | { [key: string]: Canon };

/** Preferred key order of pulled files and plan output; other keys follow alphabetically. */
const KEY_ORDER = [
  'code', 'name', 'label', 'symbol', 'precision', 'description', 'source', 'rate', 'inverse_rate', 'effective_at',
  'type', 'billing_model', 'recurring', 'interval', 'usage_calculation', 'event_type', 'usage_type', 'volume_field',
  'source_reference_field', 'billable_dimensions', 'pricing', 'asset', 'dimensions', 'values', 'unit_price',
  'volume_rate', 'package_size', 'amount', 'purpose', 'refresh', 'lifecycle', 'duration', 'duration_count',
  'strategy', 'accounting', 'revenue_basis', 'cost_basis', 'rates', 'prices', 'entitlements', 'assets', 'products', 'tests',
];

function keyRank(key: string): number {
  const i = KEY_ORDER.indexOf(key);
  return i === -1 ? KEY_ORDER.length : i;
}

export function sortKeys(keys: string[]): string[] {
  return [...keys].sort((a, b) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Any JSON-ish value in canonical form; `undefined` for null/absent. */
export function canon(value: unknown): Canon | undefined {
  if (value === null || value === undefined) return undefined;
  if (isDecimal(value)) return new Decimal(value);
  if (isLosslessNumber(value)) return new Decimal(value.value);
  if (typeof value === 'number' || typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => canon(v) ?? '');
  const out: { [key: string]: Canon } = {};
  const obj = value as Record<string, unknown>;
  for (const key of sortKeys(Object.keys(obj))) {
    const v = canon(obj[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** A stable text of a canonical value: equal texts, equal values. */
export function canonText(value: Canon | undefined): string {
  return value === undefined ? '' : stringifyJson(value);
}

/** A value for a person: numbers in their shortest exact form, objects as compact JSON. */
export function showValue(value: Canon | undefined): string {
  if (value === undefined) return '(none)';
  if (isDecimal(value)) return decimalText(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return stringifyJson(value);
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isDecimal(value) && !isLosslessNumber(value)
    ? (value as Record<string, unknown>)
    : {};
}

function dimensionText(value: unknown): string {
  if (isDecimal(value)) return decimalText(value);
  if (isLosslessNumber(value)) return decimalText(new Decimal(value.value));
  return String(value);
}

/** A price as the API stores it: defaults filled, asset codes upper-case, dimension values as text. */
export function normalizePrice(price: unknown): Canon | undefined {
  const p = { ...asObject(price) };
  if (p.type === 'usage_based' && p.billing_model === undefined) p.billing_model = { type: 'real_time' };
  const calc = asObject(p.usage_calculation);
  if (p.usage_calculation !== undefined) {
    const c = { ...calc };
    if (Array.isArray(c.billable_dimensions) && c.billable_dimensions.length === 0) delete c.billable_dimensions;
    p.usage_calculation = c;
  }
  if (Array.isArray(p.pricing)) {
    p.pricing = p.pricing.map((entry) => {
      const e = { ...asObject(entry) };
      if (typeof e.asset === 'string') e.asset = e.asset.toUpperCase();
      if (Array.isArray(e.values)) {
        e.values = e.values.map((v) => {
          const value = { ...asObject(v) };
          if (value.dimensions !== undefined) {
            value.dimensions = Object.fromEntries(Object.entries(asObject(value.dimensions)).map(([k, d]) => [k, dimensionText(d)]));
          }
          return value;
        });
      }
      return e;
    });
  }
  return canon(p);
}

function normalizeEntitlement(entitlement: unknown): Canon | undefined {
  const e = { ...asObject(entitlement) };
  if (typeof e.asset === 'string') e.asset = e.asset.toUpperCase();
  return canon(e);
}

/** What a product version is compared on: name, description, prices, entitlements. */
export function normalizeProductBody(body: {
  name?: unknown;
  description?: unknown;
  prices?: unknown;
  entitlements?: unknown;
}): { [key: string]: Canon } {
  const out: { [key: string]: Canon } = {};
  const name = canon(body.name);
  if (name !== undefined) out.name = name;
  const description = canon(body.description);
  if (description !== undefined && description !== '') out.description = description;
  out.prices = (Array.isArray(body.prices) ? body.prices : []).map((p) => normalizePrice(p) ?? '');
  const entitlements = Array.isArray(body.entitlements) ? body.entitlements : [];
  if (entitlements.length > 0) out.entitlements = entitlements.map((e) => normalizeEntitlement(e) ?? '');
  return out;
}

/** One field that differs: `prices[0].pricing[0].values[0].volume_rate`. */
export interface FieldChange {
  path: string;
  from?: Canon;
  to?: Canon;
}

/** Field-level differences between two canonical values, deepest first found. */
export function diffCanon(from: Canon | undefined, to: Canon | undefined, path = ''): FieldChange[] {
  if (canonText(from) === canonText(to)) return [];
  const isObj = (v: Canon | undefined): v is { [key: string]: Canon } =>
    v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isDecimal(v);
  if (Array.isArray(from) && Array.isArray(to)) {
    const out: FieldChange[] = [];
    for (let i = 0; i < Math.max(from.length, to.length); i++) out.push(...diffCanon(from[i], to[i], `${path}[${i}]`));
    return out;
  }
  if (isObj(from) && isObj(to)) {
    const keys = sortKeys([...new Set([...Object.keys(from), ...Object.keys(to)])]);
    return keys.flatMap((k) => diffCanon(from[k], to[k], path ? `${path}.${k}` : k));
  }
  return [{ path, from, to }];
}
