import { findAsset, requireAsset, type AssetInfo } from './asset-registry.js';
import { conflict } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { currentRates, insertRate, readRate, type RateInput } from './rates.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { AssetView, PageView } from '../types.js';

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

export function assetView(store: Store, asset: AssetInfo): AssetView {
  const { rates, scheduled } = currentRates(store, asset.code, store.clock());
  const view: AssetView = {
    code: asset.code,
    name: asset.name,
    label: asset.label,
    symbol: asset.symbol,
    precision: asset.precision,
    kind: asset.kind,
    rates,
    scheduled_rates: scheduled,
  };
  if (asset.created_at) view.created_at = asset.created_at;
  return view;
}

/** `POST /assets`: a custom asset. Codes are unique case-insensitively, fiat codes included. */
export function createAsset(store: Store, body: unknown): AssetView {
  const fields = Fields.of(body);
  const code = fields.string('code', {
    required: true,
    pattern: CODE,
    allowed: 'a valid asset code (1 to 32 letters, digits, _ or -)',
  });
  const name = fields.string('name', { required: true, max: 128 });
  const label = fields.string('label', { max: 32 });
  const symbol = fields.string('symbol', { max: 16 });
  const precision = fields.integer('precision', 0, 18);
  const rates = (fields.objects('rates') ?? []).map((rate) => readRate(rate, code ?? ''));
  fields.done();
  const newCode = code as string;

  return store.write(() => {
    const existing = findAsset(store, newCode);
    if (existing?.kind === 'fiat') throw conflict(`asset ${existing.code} is a built-in fiat currency`);
    if (existing) throw conflict(`asset ${existing.code} already exists`, { existing_code: existing.code });
    const now = store.clock();
    store
      .stmt('INSERT INTO assets (code, name, label, symbol, precision, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(newCode, name, label ?? null, symbol ?? null, precision, isoText(now));
    for (const rate of rates) insertRate(store, newCode, rate as RateInput, now);
    return assetView(store, requireAsset(store, newCode));
  });
}

export function getAsset(store: Store, code: string): AssetView {
  return assetView(store, requireAsset(store, code));
}

/** `GET /assets`: the platform's custom assets, newest first (fiat is built in, not listed). */
export function listAssets(store: Store, query?: Query): PageView<AssetView> {
  const params = readPage(query);
  const total = (store.stmt('SELECT count(*) AS n FROM assets').get() as { n: number }).n;
  const codes = store
    .stmt('SELECT code FROM assets ORDER BY seq DESC LIMIT ? OFFSET ?')
    .pluck()
    .all(params.limit, params.offset) as string[];
  return pageOf(
    codes.map((code) => getAsset(store, code)),
    total,
    params,
  );
}
