import { Decimal, decimalText } from '../../money/decimal.js';
import { Ratio } from '../../money/ratio.js';
import { checkAmount } from './amounts.js';
import { readFiat, requireAsset } from './asset-registry.js';
import { Fields } from '../request/fields.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { PageView, RateStatus, RateView } from '../types.js';

export type RateDirection = 'rate' | 'inverse_rate';

interface RateRow {
  seq: number;
  source: string;
  given: RateDirection;
  value: string;
  effective_at: string;
  created_at: string;
}

export interface RateInput {
  source: string;
  given: RateDirection;
  value: Decimal;
  effectiveAt?: Date;
}

/** Any exchange rate value: > 0, at most 10^18, at most 18 decimal places. */
export const RATE_RULE = { precision: 18, precisionNote: 'rates carry at most 18', sign: 'positive' } as const;

/** Units of the asset bought by one unit of the source: exact, whichever way it was given. */
export function inverseRatio(given: RateDirection, value: string): Ratio {
  const ratio = Ratio.fromDecimal(new Decimal(value));
  return given === 'inverse_rate' ? ratio : ratio.inverse();
}

/** Both directions: the one given exactly, its reciprocal exact when it terminates. */
export function rateView(row: RateRow, status?: RateStatus): RateView {
  const inverse = inverseRatio(row.given, row.value);
  const view: RateView = {
    source: row.source,
    rate: row.given === 'rate' ? new Decimal(row.value) : inverse.inverse().toDecimal(),
    inverse_rate: row.given === 'inverse_rate' ? new Decimal(row.value) : inverse.toDecimal(),
    effective_at: row.effective_at,
    created_at: row.created_at,
  };
  if (status) view.status = status;
  return view;
}

function ratesOf(store: Store, asset: string): RateRow[] {
  return store
    .stmt('SELECT seq, source, given, value, effective_at, created_at FROM rates WHERE asset = ? ORDER BY seq')
    .all(asset) as RateRow[];
}

/** Status of every rate at `now`: per source, the greatest effective_at ≤ now (latest
 *  created on a tie) is active; later ones are scheduled; the rest superseded. */
function withStatus(rows: RateRow[], now: string): { row: RateRow; status: RateStatus }[] {
  const active = new Map<string, RateRow>();
  for (const row of rows) {
    if (row.effective_at > now) continue;
    const best = active.get(row.source);
    if (!best || row.effective_at >= best.effective_at) active.set(row.source, row);
  }
  return rows.map((row) => ({
    row,
    status: row.effective_at > now ? 'scheduled' : active.get(row.source) === row ? 'active' : 'superseded',
  }));
}

/** The asset object's `rates` (active now, one per source) and `scheduled_rates`. */
export function currentRates(store: Store, asset: string, now: Date): { rates: RateView[]; scheduled: RateView[] } {
  const rated = withStatus(ratesOf(store, asset), isoText(now));
  const scheduled = rated
    .filter((r) => r.status === 'scheduled')
    .sort((a, b) => a.row.effective_at.localeCompare(b.row.effective_at) || a.row.seq - b.row.seq);
  return {
    rates: rated.filter((r) => r.status === 'active').map((r) => rateView(r.row)),
    scheduled: scheduled.map((r) => rateView(r.row)),
  };
}

/** The rate in force for `source` at `at`, with its exact ratio; undefined when none is. */
export function activeRate(
  store: Store,
  asset: string,
  source: string,
  at: Date,
): { view: RateView; inverse: Ratio } | undefined {
  const row = store
    .stmt(
      `SELECT seq, source, given, value, effective_at, created_at FROM rates
       WHERE asset = ? AND source = ? AND effective_at <= ? ORDER BY effective_at DESC, seq DESC LIMIT 1`,
    )
    .get(asset, source, isoText(at)) as RateRow | undefined;
  return row && { view: rateView(row), inverse: inverseRatio(row.given, row.value) };
}

/** Reads `{source, rate | inverse_rate, effective_at?}`; problems go to `fields`. */
export function readRate(fields: Fields, assetCode: string): RateInput | undefined {
  const fiat = readFiat(fields, 'source');
  if (fiat && fiat.code === assetCode.toUpperCase()) {
    fields.fail('source', `${fields.name('source')} ${fiat.code} is the asset itself; its rate is always 1`);
  }
  const hasRate = fields.decimal('rate', false);
  const hasInverse = fields.decimal('inverse_rate', false);
  const effectiveAt = fields.timestamp('effective_at');
  let given: RateDirection | undefined;
  if (hasRate !== undefined && hasInverse !== undefined) {
    fields.fail('rate', `give exactly one of ${fields.name('rate')} or ${fields.name('inverse_rate')}, not both`);
  } else if (hasRate === undefined && hasInverse === undefined) {
    fields.fail('rate', `${fields.name('rate')} or ${fields.name('inverse_rate')} is required`);
  } else {
    given = hasRate !== undefined ? 'rate' : 'inverse_rate';
  }
  const value = hasRate ?? hasInverse;
  if (!fiat || !given || !value) return undefined;
  if (!checkAmount(fields, given, value, RATE_RULE)) return undefined;
  return { source: fiat.code, given, value, effectiveAt };
}

/** Stores a rate. A past or absent effective_at means now: history is never rewritten. */
export function insertRate(store: Store, asset: string, input: RateInput, now: Date): void {
  const effective = input.effectiveAt && input.effectiveAt > now ? input.effectiveAt : now;
  store
    .stmt('INSERT INTO rates (asset, source, given, value, effective_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(asset, input.source, input.given, decimalText(input.value), isoText(effective), isoText(now));
}

/** `POST /assets/{code}/rates`. */
export function addRate(store: Store, code: string, body: unknown): void {
  const asset = requireAsset(store, code);
  const fields = Fields.of(body);
  const input = readRate(fields, asset.code);
  fields.done();
  store.write(() => insertRate(store, asset.code, input as RateInput, store.clock()));
}

/** `GET /assets/{code}/rates`: the whole history, newest first, each with its status. */
export function listRates(store: Store, code: string, query?: Query): PageView<RateView> {
  const asset = requireAsset(store, code);
  const params = readPage(query);
  const rated = withStatus(ratesOf(store, asset.code), isoText(store.clock())).reverse();
  const items = rated.slice(params.offset, params.offset + params.limit).map((r) => rateView(r.row, r.status));
  return pageOf(items, rated.length, params);
}
