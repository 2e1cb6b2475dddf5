import type { Decimal } from '../../money/decimal.js';
import { MAX_UNITS } from '../../money/amount.js';
import { assetRule, checkAmount } from '../assets/amounts.js';
import { findAsset } from '../assets/asset-registry.js';
import type { Fields } from '../request/fields.js';
import { INTERVALS, type Entitlement } from './pricing-types.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';

const PURPOSES = ['bundled', 'promotion'] as const;
const STRATEGIES = ['expire_and_replace'] as const;

function readBasis(f: Fields, key: string, allowAuto: boolean): Decimal | string | undefined {
  const raw = f.raw(key);
  if (raw === undefined) return undefined;
  if (allowAuto && raw === 'auto') return 'auto';
  const value = f.decimal(key, false);
  if (value === undefined) return undefined;
  if (value.gte(0) && value.lte(MAX_UNITS) && value.decimalPlaces() <= 18) return value;
  return f.fail(key, `${f.name(key)} must be a number from 0 to 10^18${allowAuto ? ' or "auto"' : ''}, got ${show(value)}`);
}

function readAccounting(f: Fields): Record<string, unknown> | undefined {
  const a = f.object('accounting');
  if (!a) return undefined;
  const out: Record<string, unknown> = {};
  const revenue = readBasis(a, 'revenue_basis', false);
  const cost = readBasis(a, 'cost_basis', true);
  if (revenue !== undefined) out.revenue_basis = revenue;
  if (cost !== undefined) out.cost_basis = cost;
  return out;
}

function readRefresh(f: Fields, withInterval: boolean): Record<string, unknown> | undefined {
  const r = f.object('refresh');
  if (!r) return undefined;
  const out: Record<string, unknown> = {};
  const interval = withInterval ? r.choice('interval', INTERVALS) : undefined;
  const strategy = r.choice('strategy', STRATEGIES, !withInterval);
  if (interval) out.interval = interval;
  if (strategy) out.strategy = strategy;
  return out;
}

function readLifecycle(f: Fields): Record<string, unknown> | undefined {
  const l = f.object('lifecycle');
  if (!l) return undefined;
  const out: Record<string, unknown> = {};
  const duration = l.choice('duration', INTERVALS);
  const count = l.integer('duration_count', 1, 1000, false);
  const refresh = readRefresh(l, false);
  if (duration) out.duration = duration;
  if (count !== undefined) out.duration_count = count;
  if (refresh) out.refresh = refresh;
  return out;
}

/**
 * An entitlement in either published shape (contract §2.6.8): `refresh: {interval,
 * strategy?}` or `lifecycle: {duration, duration_count?, refresh?: {strategy}}`. Validated
 * and stored; granting and refreshing them is a later capability.
 */
export function readEntitlement(f: Fields, store: Store): Entitlement | undefined {
  const name = f.string('name', { max: 256 });
  const code = f.string('asset', { required: true, max: 32 });
  const asset = code === undefined ? undefined : findAsset(store, code);
  if (code !== undefined && !asset) f.fail('asset', `${f.name('asset')} ${show(code)} is neither a fiat currency nor a created asset`);
  const amount = f.decimal('amount');
  if (amount && asset) checkAmount(f, 'amount', amount, assetRule(asset, 'positive'));
  const purpose = f.choice('purpose', PURPOSES);
  if (f.raw('refresh') !== undefined && f.raw('lifecycle') !== undefined) {
    f.fail('lifecycle', `${f.name('lifecycle')} and refresh are two shapes of one schedule; give one`);
  }
  const refresh = readRefresh(f, true);
  const lifecycle = readLifecycle(f);
  const accounting = readAccounting(f);
  if (!asset || !amount) return undefined;
  const out = { ...(name !== undefined ? { name } : {}), asset: asset.code, amount } as Entitlement;
  if (purpose) out.purpose = purpose;
  if (refresh) out.refresh = refresh;
  if (lifecycle) out.lifecycle = lifecycle;
  if (accounting) out.accounting = accounting;
  return out;
}
