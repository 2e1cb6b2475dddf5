import { stringifyJson } from '../../json/write.js';
import { readEntitlement } from './entitlements.js';
import { conflict, EngineError, invalid } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { readPrice } from './prices.js';
import type { Entitlement, Price } from './pricing-types.js';
import {
  findProductByCode,
  findVersion,
  productView,
  requireProduct,
  requireVersion,
  versionRef,
  versionView,
  type ProductRow,
} from './product-lookup.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { PageView, ProductVersionRef, ProductVersionView, ProductView } from '../types.js';

/** The asset code charset (contract §6.1), with room for descriptive product codes. */
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

interface VersionInput {
  name: string;
  description: string | null;
  prices: Price[];
  entitlements: Entitlement[];
  publish: boolean;
}

/** The body of a version (P1 minus `code`); asset checks read the store. */
function readVersion(fields: Fields, store: Store): VersionInput {
  const name = fields.string('name', { required: true, max: 256 }) as string;
  const description = fields.string('description', { max: 2000 }) ?? null;
  const priceFields = fields.objects('prices');
  if (priceFields === undefined) fields.fail('prices', 'prices is required: a product has at least one price');
  else if (priceFields.length === 0) fields.fail('prices', 'prices must hold at least one price');
  const prices = (priceFields ?? []).map((p) => readPrice(p, store));
  const entitlements = (fields.objects('entitlements') ?? []).map((e) => readEntitlement(e, store));
  const publish = fields.raw('publish');
  if (publish !== undefined && typeof publish !== 'boolean') fields.fail('publish', `publish must be true or false, got ${show(publish)}`);
  fields.done();
  return { name, description, prices: prices as Price[], entitlements: entitlements as Entitlement[], publish: publish === true };
}

function insertVersion(store: Store, product: ProductRow, version: number, input: VersionInput): ProductVersionRef {
  const now = isoText(store.clock());
  store
    .stmt(
      `INSERT INTO product_versions (product_seq, version, status, name, description, prices, entitlements,
         created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      product.seq,
      version,
      input.publish ? 'published' : 'draft',
      input.name,
      input.description,
      stringifyJson(input.prices),
      stringifyJson(input.entitlements),
      now,
      input.publish ? now : null,
    );
  if (input.publish) adoptFirstDefault(store, product, version);
  const fresh = requireProduct(store, product.id);
  return versionRef(fresh, findVersion(store, product.seq, version)!);
}

/** The first published version becomes the default; later ones only when made default. */
function adoptFirstDefault(store: Store, product: ProductRow, version: number): void {
  store.stmt('UPDATE products SET default_version = ? WHERE seq = ? AND default_version IS NULL').run(version, product.seq);
}

/** `POST /products`: the product and its version 1 (a draft unless `publish: true`). */
export function createProduct(store: Store, body: unknown): ProductVersionRef {
  const fields = Fields.of(body);
  const code = fields.string('code', { required: true, pattern: CODE, allowed: 'a valid product code (1 to 64 letters, digits, _ or -)' });
  return store.write(() => {
    const input = readVersion(fields, store);
    const existing = findProductByCode(store, code as string);
    if (existing) throw conflict(`product ${existing.code} already exists: ${existing.id}`, { existing_id: existing.id });
    const now = store.clock();
    const id = newId('prp', now);
    store.stmt('INSERT INTO products (id, code, created_at) VALUES (?, ?, ?)').run(id, code, isoText(now));
    return insertVersion(store, requireProduct(store, id), 1, input);
  });
}

/** `POST /products/{id}`: the next version. A `code` in the body must be the product's. */
export function addVersion(store: Store, idOrCode: string, body: unknown): ProductVersionRef {
  const fields = Fields.of(body);
  return store.write(() => {
    const product = requireProduct(store, idOrCode);
    const code = fields.string('code');
    if (code !== undefined && code.toLowerCase() !== product.code.toLowerCase()) {
      fields.fail('code', `code ${show(code)} is not this product's (${product.code}); a product's code never changes`);
    }
    const input = readVersion(fields, store);
    const last = store.stmt('SELECT max(version) FROM product_versions WHERE product_seq = ?').pluck().get(product.seq) as number;
    return insertVersion(store, product, last + 1, input);
  });
}

/**
 * `PATCH /products/{id}/{version}` `{publish?, make_default?}`. Publishing is one-way
 * (published versions are immutable); only a published version can be the default.
 */
export function updateVersion(store: Store, idOrCode: string, ref: string, body: unknown): ProductVersionView {
  const fields = Fields.of(body);
  const flags = { publish: fields.raw('publish'), make_default: fields.raw('make_default') };
  for (const [key, value] of Object.entries(flags)) {
    if (value !== undefined && value !== true) fields.fail(key, `${key} can only be true, got ${show(value)}`);
  }
  if (flags.publish === undefined && flags.make_default === undefined) {
    fields.fail('publish', 'give publish: true, make_default: true or both');
  }
  fields.done();
  return store.write(() => {
    const product = requireProduct(store, idOrCode);
    let row = requireVersion(store, product, ref);
    if (flags.publish && row.status === 'draft') {
      store
        .stmt("UPDATE product_versions SET status = 'published', published_at = ? WHERE product_seq = ? AND version = ?")
        .run(isoText(store.clock()), product.seq, row.version);
      adoptFirstDefault(store, product, row.version);
      row = findVersion(store, product.seq, row.version)!;
    }
    if (flags.make_default) {
      if (row.status !== 'published') {
        throw invalid('make_default', `version ${row.version} of ${product.code} is a draft; publish it before making it the default`);
      }
      store.stmt('UPDATE products SET default_version = ? WHERE seq = ?').run(row.version, product.seq);
    }
    return versionView(requireProduct(store, product.id), row);
  });
}

export function getProduct(store: Store, idOrCode: string): ProductView {
  return productView(store, requireProduct(store, idOrCode));
}

/** `GET /products?code=X`: that one product, or 404 (contract §6.3). */
export function getProductByCode(store: Store, code: string): ProductView {
  const row = findProductByCode(store, code);
  if (!row) throw new EngineError(404, 'not_found', `no product has code ${show(code)}`);
  return productView(store, row);
}

export function listProducts(store: Store, query?: Query): PageView<ProductView> {
  const params = readPage(query);
  const total = store.stmt('SELECT count(*) FROM products').pluck().get() as number;
  const rows = store
    .stmt('SELECT seq, id, code, default_version, created_at FROM products ORDER BY seq DESC LIMIT ? OFFSET ?')
    .all(params.limit, params.offset) as ProductRow[];
  return pageOf(
    rows.map((row) => productView(store, row)),
    total,
    params,
  );
}
