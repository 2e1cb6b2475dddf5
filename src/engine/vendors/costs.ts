import { MAX_UNITS } from '../../money/amount.js';
import type { Decimal } from '../../money/decimal.js';
import { stringifyJson } from '../../json/write.js';
import { FIAT_PRECISION, fiatCurrency } from '../assets/fiat.js';
import { fixedOf, ten } from '../assets/fixed.js';
import type { Fields } from '../request/fields.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { vendorByExternalId, vendorById } from './vendors.js';

/** One entry of an event's `costs`, checked for shape; its vendor is resolved in the write. */
export interface CostInput {
  fields: Fields;
  vendorId: string | undefined;
  vendorExternalId: string | undefined;
  amount: Decimal;
  /** The amount in units of 10^-FIAT_PRECISION of its currency. */
  units: bigint;
  currency: string;
}

/** A cost whose vendor is known. */
export interface ResolvedCost {
  vendorSeq: number;
  vendorId: string;
  units: bigint;
  currency: string;
  amount: Decimal;
}

/** Costs are money paid out: a built-in (fiat) currency, zero or more, at its precision. */
export const COST_SCALE = FIAT_PRECISION;

function readCost(f: Fields): CostInput | undefined {
  const vendorId = f.string('vendor_id', { max: 64 });
  const vendorExternalId = f.string('vendor_external_id', { max: 255 });
  if ((vendorId === undefined) === (vendorExternalId === undefined)) {
    f.fail('vendor_id', `${f.name('vendor_id')} or vendor_external_id is required (exactly one)`);
  }
  const amount = f.decimal('amount');
  const code = f.string('currency', { required: true });
  const currency = code === undefined ? undefined : fiatCurrency(code)?.code;
  if (code !== undefined && currency === undefined) {
    f.fail('currency', `${f.name('currency')} ${show(code)} is not a known currency (costs are in a fiat currency such as USD)`);
  }
  if (amount !== undefined) {
    const name = f.name('amount');
    if (amount.isNeg()) f.fail('amount', `${name} must not be negative, got ${show(amount)}`);
    else if (amount.gt(MAX_UNITS)) f.fail('amount', `${name} ${show(amount)} exceeds 10^18`);
    else if (amount.decimalPlaces() > COST_SCALE) {
      f.fail('amount', `${name} ${show(amount)} has more than ${COST_SCALE} decimal places (${currency ?? 'a currency'} has precision ${COST_SCALE})`);
    }
  }
  if (!f.ok || amount === undefined || currency === undefined) return undefined;
  const fixed = fixedOf(amount);
  return { fields: f, vendorId, vendorExternalId, amount, units: fixed.units * ten(COST_SCALE - fixed.scale), currency };
}

/** `costs: [{vendor_id | vendor_external_id, amount, currency}]`, each checked; problems named `…costs[j].field`. */
export function readCosts(f: Fields): CostInput[] {
  const items = f.objects('costs');
  if (items === undefined || items.length === 0) return [];
  const out: CostInput[] = [];
  for (const item of items) {
    const cost = readCost(item);
    if (cost) out.push(cost);
  }
  return out;
}

/** Vendors named by the costs of one request, each looked up once. */
export class VendorLookup {
  private readonly found = new Map<string, { seq: number; id: string } | null>();

  constructor(private readonly store: Store) {}

  /** The costs with their vendors; an unknown vendor is recorded on the cost's fields. */
  resolve(costs: readonly CostInput[]): ResolvedCost[] {
    const out: ResolvedCost[] = [];
    for (const cost of costs) {
      const key = cost.vendorId !== undefined ? `id ${cost.vendorId}` : `ext ${cost.vendorExternalId}`;
      let vendor = this.found.get(key);
      if (vendor === undefined) {
        const row = cost.vendorId !== undefined ? vendorById(this.store, cost.vendorId) : vendorByExternalId(this.store, cost.vendorExternalId as string);
        this.found.set(key, (vendor = row ? { seq: row.seq, id: row.id } : null));
      }
      if (vendor === null) {
        const field = cost.vendorId !== undefined ? 'vendor_id' : 'vendor_external_id';
        cost.fields.fail(field, `${cost.fields.name(field)} ${show(cost.vendorId ?? cost.vendorExternalId)}: no such vendor`);
        continue;
      }
      out.push({ vendorSeq: vendor.seq, vendorId: vendor.id, units: cost.units, currency: cost.currency, amount: cost.amount });
    }
    return out;
  }
}

/** The `costs` column: each cost with its vendor's id, its amount exact. */
export function costsText(costs: readonly ResolvedCost[]): string {
  if (costs.length === 0) return '[]';
  return stringifyJson(costs.map(({ vendorId, amount, currency }) => ({ vendor_id: vendorId, amount, currency })));
}
