import { notFound } from '../request/errors.js';
import type { Fields } from '../request/fields.js';
import { show } from '../request/show.js';
import { FIAT_PRECISION, fiatCurrency } from './fiat.js';
import type { Store } from '../store/store.js';

/** What the rest of the engine needs to know about an asset, fiat or custom. */
export interface AssetInfo {
  /** Canonical spelling: ISO upper case for fiat, as created for custom assets. */
  code: string;
  name: string;
  label: string | null;
  symbol: string | null;
  precision: number;
  kind: 'fiat' | 'custom';
  created_at?: string;
}

interface AssetRow {
  code: string;
  name: string;
  label: string | null;
  symbol: string | null;
  precision: number;
  created_at: string;
}

/** Fiat assets by the spelling they were asked for: built in, so never stale (frozen: shared). */
const fiatBySpelling = new Map<string, Readonly<AssetInfo>>();

/** The built-in fiat currency with this code (any case), as an asset. */
export function findFiat(code: string): AssetInfo | undefined {
  const known = fiatBySpelling.get(code);
  if (known) return known;
  const fiat = fiatCurrency(code);
  if (!fiat) return undefined;
  const asset: AssetInfo = Object.freeze({ ...fiat, label: fiat.code, precision: FIAT_PRECISION, kind: 'fiat' });
  // Only real codes are kept (a few spellings each): unknown ones would grow it without end.
  if (fiatBySpelling.size < 1000) fiatBySpelling.set(code, asset);
  return asset;
}

/** The asset with this code, matched case-insensitively; undefined when there is none. */
export function findAsset(store: Store, code: string): AssetInfo | undefined {
  const fiat = findFiat(code);
  if (fiat) return fiat;
  const row = store
    .stmt('SELECT code, name, label, symbol, precision, created_at FROM assets WHERE code = ? COLLATE NOCASE')
    .get(code) as AssetRow | undefined;
  return row && { ...row, kind: 'custom' };
}

/** For paths (`/assets/{code}`): an unknown asset is a 404. */
export function requireAsset(store: Store, code: string): AssetInfo {
  const asset = findAsset(store, code);
  if (!asset) throw notFound('asset', code);
  return asset;
}

/** A required fiat currency code in a body field (`source`, `currency`); problems go to `fields`. */
export function readFiat(fields: Fields, key: string): AssetInfo | undefined {
  const code = fields.string(key, { required: true });
  if (code === undefined) return undefined;
  const fiat = findFiat(code);
  if (!fiat) fields.fail(key, `${fields.name(key)} ${show(code)} is not a fiat currency code`);
  return fiat;
}
