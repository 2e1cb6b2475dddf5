import { parseJsonDecimal } from '../../json/parse.js';
import { EngineError, notFound } from '../request/errors.js';
import type { Entitlement, Price } from './pricing-types.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import type { ProductVersionRef, ProductVersionView, ProductView, VersionStatus } from '../types.js';

export interface ProductRow {
  seq: number;
  id: string;
  code: string;
  default_version: number | null;
  created_at: string;
}

export interface VersionRow {
  product_seq: number;
  version: number;
  status: VersionStatus;
  name: string;
  description: string | null;
  prices: string;
  entitlements: string;
  created_at: string;
  published_at: string | null;
}

const PRODUCT = 'SELECT seq, id, code, default_version, created_at FROM products';
const VERSION = `SELECT product_seq, version, status, name, description, prices, entitlements, created_at,
  published_at FROM product_versions`;

export function findProductByCode(store: Store, code: string): ProductRow | undefined {
  return store.stmt(`${PRODUCT} WHERE code = ? COLLATE NOCASE`).get(code) as ProductRow | undefined;
}

/**
 * A product by its `prp_` id or, for convenience (the CLI names products by code), by its
 * code. The id is tried first, so a code that looks like an id cannot shadow a product.
 */
export function requireProduct(store: Store, idOrCode: string): ProductRow {
  const row = (store.stmt(`${PRODUCT} WHERE id = ?`).get(idOrCode) as ProductRow | undefined) ?? findProductByCode(store, idOrCode);
  if (!row) throw notFound('product', idOrCode);
  return row;
}

export function versionRows(store: Store, productSeq: number): VersionRow[] {
  return store.stmt(`${VERSION} WHERE product_seq = ? ORDER BY version DESC`).all(productSeq) as VersionRow[];
}

export function findVersion(store: Store, productSeq: number, version: number): VersionRow | undefined {
  return store.stmt(`${VERSION} WHERE product_seq = ? AND version = ?`).get(productSeq, version) as VersionRow | undefined;
}

/** `{version}` of a path: a number or `default`; anything that names no version is a 404. */
export function requireVersion(store: Store, product: ProductRow, ref: string | number): VersionRow {
  const text = String(ref);
  const number = text === 'default' ? product.default_version : /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
  const row = number === null ? undefined : findVersion(store, product.seq, number);
  if (!row) {
    const detail =
      text === 'default'
        ? `product ${product.code} has no default version: none is published`
        : `product ${product.code} has no version ${show(text)}`;
    throw new EngineError(404, 'not_found', detail);
  }
  return row;
}

export function versionPrices(row: VersionRow): Price[] {
  return parseJsonDecimal(row.prices) as Price[];
}

export function versionView(product: ProductRow, row: VersionRow): ProductVersionView {
  return {
    version: row.version,
    status: row.status,
    is_default: product.default_version === row.version,
    name: row.name,
    description: row.description,
    prices: versionPrices(row),
    entitlements: parseJsonDecimal(row.entitlements) as Entitlement[],
    created_at: row.created_at,
    published_at: row.published_at,
  };
}

export function versionRef(product: ProductRow, row: VersionRow): ProductVersionRef {
  return {
    id: product.id,
    code: product.code,
    version: row.version,
    status: row.status,
    is_default: product.default_version === row.version,
  };
}

export function productView(store: Store, product: ProductRow): ProductView {
  const versions = versionRows(store, product.seq).map((row) => versionView(product, row));
  const shown = versions.find((v) => v.is_default) ?? versions[0];
  return {
    id: product.id,
    code: product.code,
    name: shown.name,
    description: shown.description,
    default_version: product.default_version,
    versions,
    created_at: product.created_at,
  };
}
