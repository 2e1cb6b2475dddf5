import type { Decimal } from '../../money/decimal.js';

/**
 * The normalised price and entitlement shapes a product version stores and answers
 * (contract §1.11, §2.6): the request's known fields, validated, asset codes in their
 * canonical spelling, decimals exact, absent options left out.
 */
export type UsageType = 'unit' | 'volume' | 'unit_and_volume';
export const USAGE_TYPES: readonly UsageType[] = ['unit', 'volume', 'unit_and_volume'];

export type Interval = 'day' | 'week' | 'month' | 'year';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month', 'year'];

/** The wildcard dimension value: matches any value, and a missing one. */
export const ANY = '*';

export interface PriceValue {
  name?: string;
  unit_price?: Decimal;
  volume_rate?: Decimal;
  package_size?: Decimal;
}

export interface DimensionEntry {
  name?: string;
  dimensions: Record<string, string>;
  values: PriceValue[];
}

export interface PricingEntry<V = PriceValue | DimensionEntry> {
  asset: string;
  values: V[];
}

export interface UsageCalculation {
  event_type: string;
  usage_type: UsageType;
  volume_field?: string;
  source_reference_field?: string;
  billable_dimensions?: string[];
}

export interface UsagePrice {
  name?: string;
  type: 'usage_based';
  billing_model: { type: 'real_time' };
  usage_calculation: UsageCalculation;
  pricing: PricingEntry[];
}

export interface FixedPrice {
  name?: string;
  type: 'fixed';
  billing_model: { type: 'recurring'; recurring: { interval: Interval } };
  pricing: PricingEntry<PriceValue>[];
}

export type Price = UsagePrice | FixedPrice;

/** Either published entitlement shape (§2.6.8), normalised; stored, not yet granted. */
export type Entitlement = Record<string, unknown> & { asset: string; amount: Decimal };

export function isDimensionEntry(value: PriceValue | DimensionEntry): value is DimensionEntry {
  return 'dimensions' in value;
}
