import type { Decimal } from '../../money/decimal.js';
import { Ratio } from '../../money/ratio.js';
import { activeRate } from './rates.js';
import type { AssetInfo } from './asset-registry.js';
import type { Store } from '../store/store.js';

export interface RateInForce {
  rate: Decimal;
  inverse_rate: Decimal;
  /** Exact units of the asset per unit of the source. */
  inverse: Ratio;
}

const ONE = Ratio.of(1n, 1n);

/**
 * The rate converting `source` into `asset` at `at`; a currency into itself is 1. The
 * conversion itself, exact and rounded down, is money/convert.ts's `convertDown`, the
 * one the CLI's `--rate` overrides use too.
 */
export function rateInForce(store: Store, asset: AssetInfo, source: string, at: Date): RateInForce | undefined {
  if (asset.code === source) return { rate: ONE.toDecimal(), inverse_rate: ONE.toDecimal(), inverse: ONE };
  const active = activeRate(store, asset.code, source, at);
  return active && { rate: active.view.rate, inverse_rate: active.view.inverse_rate, inverse: active.inverse };
}
