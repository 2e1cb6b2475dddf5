import { isDecimal } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../json/parse.js';
import { DEFAULT_ACCOUNT, ensureAccount } from '../ledger/accounts.js';
import { conflict } from '../request/errors.js';
import type { Fields } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { priceAssets } from '../catalog/prices.js';
import type { Entitlement } from '../catalog/pricing-types.js';
import { findProductByCode, findVersion, versionPrices, type ProductRow, type VersionRow } from '../catalog/product-lookup.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { SubscriptionView } from '../types.js';
import { activate } from './billing.js';
import { needsPayment, planOf, type Plan } from './plan.js';
import { findSubscription, type SubscriptionRow } from './subscription-rows.js';

/** `{code, version?}` as asked for; `fields` is where its problems are reported. */
export interface ProductChoice {
  fields: Fields;
  code: string | undefined;
  version: number | 'default';
}

export interface Resolved {
  product: ProductRow;
  version: VersionRow;
}

/** Where the payer is sent after paying the first period, or failing to. */
export interface PaymentUrls {
  returnUrl: string | undefined;
  failureUrl: string | undefined;
}

function optionalUrl(f: Fields, key: string): string | undefined {
  const text = f.string(key, { max: 2048 });
  if (text !== undefined && !(URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol))) {
    f.fail(key, `${f.name(key)} ${show(text)} is not an absolute http(s) URL`);
  }
  return text;
}

/** `return_url` and `failure_url` of one subscription request: required only when it has a fixed fee. */
export function readPaymentUrls(f: Fields): PaymentUrls {
  return { returnUrl: optionalUrl(f, 'return_url'), failureUrl: optionalUrl(f, 'failure_url') };
}

/**
 * The plan of the versions chosen, checked before anything is written: one billing period
 * per subscription, and a return and failure URL when the first period must be paid.
 */
export function checkPlan(f: Fields, resolved: Resolved[], urls: PaymentUrls): Plan | undefined {
  const plan = planOf(resolved.map((r) => r.version));
  if (typeof plan === 'string') return f.fail('products', plan);
  if (needsPayment(plan)) {
    const why = 'is required: the subscription has a fixed fee, paid through a payment page that sends the payer back';
    if (urls.returnUrl === undefined) f.fail('return_url', `${f.name('return_url')} ${why}`);
    if (urls.failureUrl === undefined) f.fail('failure_url', `${f.name('failure_url')} ${why}`);
  }
  return plan;
}

/** `products: [{code, version?: int | "default"}]` of one subscription, read structurally. */
export function readProductChoices(f: Fields): ProductChoice[] {
  const products = f.objects('products');
  if (products === undefined) f.fail('products', `${f.name('products')} is required`);
  else if (products.length === 0) f.fail('products', `${f.name('products')} must name at least one product`);
  return (products ?? []).map(readChoice);
}

/** `{code, version?: int | "default"}`: one product and version, its problems under `p`'s name. */
export function readChoice(p: Fields): ProductChoice {
  const code = p.string('code', { required: true, max: 64 });
  const raw = p.raw('version');
  let version: number | 'default' = 'default';
  if (raw !== undefined && raw !== 'default') {
    const n = isDecimal(raw) ? raw.toNumber() : raw;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 999_999_999) version = n;
    else p.fail('version', `${p.name('version')} must be a version number or "default", got ${show(raw)}`);
  }
  return { fields: p, code, version };
}

/**
 * Finds the published version each choice names (omitted or "default" = the product's
 * current default). Problems go to the choice's fields as 422s; a product the customer is
 * already subscribed to is a 409, since a second subscription would bill every event twice.
 */
export function resolveChoices(store: Store, customerId: string | null, choices: ProductChoice[]): Resolved[] {
  const out: Resolved[] = [];
  const taken = new Set(customerId ? activeProducts(store, customerId) : []);
  const seen = new Set<number>();
  for (const { fields, code, version } of choices) {
    if (code === undefined) continue;
    const product = findProductByCode(store, code);
    if (!product) {
      fields.fail('code', `${fields.name('code')} ${show(code)} is not a product`);
      continue;
    }
    const number = version === 'default' ? product.default_version : version;
    const row = number === null ? undefined : findVersion(store, product.seq, number);
    if (number === null) fields.fail('code', `product ${product.code} has no published version to subscribe to`);
    else if (!row) fields.fail('version', `product ${product.code} has no version ${number}`);
    else if (row.status !== 'published') fields.fail('version', `version ${number} of ${product.code} is a draft; publish it first`);
    else if (seen.has(product.seq)) fields.fail('code', `product ${product.code} is named twice`);
    else if (taken.has(product.seq)) throw conflict(`customer ${customerId} is already subscribed to ${product.code}`);
    else {
      seen.add(product.seq);
      out.push({ product, version: row });
    }
  }
  return out;
}

function activeProducts(store: Store, customerId: string): number[] {
  return store
    .stmt(
      `SELECT sp.product_seq FROM subscriptions s JOIN subscription_products sp ON sp.subscription_seq = s.seq
       WHERE s.customer_id = ? AND s.status IN ('pending', 'active')`,
    )
    .pluck()
    .all(customerId) as number[];
}

/**
 * Writes one subscription and opens an empty `default:<ASSET>` account for every asset its
 * versions price in or grant. With a fixed fee it waits, `pending`, for the first period's
 * payment; without, it is activated at once (entitlements granted, `subscription.activated`).
 * Call inside a write, after validation (checkPlan).
 */
export function insertSubscription(store: Store, customerId: string, resolved: Resolved[], plan: Plan, urls: PaymentUrls): string {
  const now = store.clock();
  const id = newId('sub', now);
  const { lastInsertRowid } = store
    .stmt("INSERT INTO subscriptions (id, customer_id, status, started_at, return_url, failure_url) VALUES (?, ?, 'pending', ?, ?, ?)")
    .run(id, customerId, isoText(now), urls.returnUrl ?? null, urls.failureUrl ?? null);
  const insert = store.stmt('INSERT INTO subscription_products (subscription_seq, position, product_seq, version) VALUES (?, ?, ?, ?)');
  resolved.forEach(({ product, version }, i) => {
    insert.run(lastInsertRowid, i, product.seq, version.version);
    const entitled = (parseJsonDecimal(version.entitlements) as Entitlement[]).map((e) => e.asset);
    for (const asset of new Set([...priceAssets(versionPrices(version)), ...entitled])) {
      ensureAccount(store, customerId, DEFAULT_ACCOUNT, asset);
    }
  });
  if (!needsPayment(plan)) activate(store, findSubscription(store, id) as SubscriptionRow);
  return id;
}

interface SubscriptionProductRow {
  id: string;
  status: SubscriptionView['status'];
  started_at: string;
  product_id: string;
  code: string;
  version: number;
}

/** A customer's subscriptions in the order they were made. */
export function customerSubscriptions(store: Store, customerId: string): SubscriptionView[] {
  const rows = store
    .stmt(
      `SELECT s.id, s.status, s.started_at, p.id AS product_id, p.code, sp.version
       FROM subscriptions s JOIN subscription_products sp ON sp.subscription_seq = s.seq
       JOIN products p ON p.seq = sp.product_seq WHERE s.customer_id = ? ORDER BY s.seq, sp.position`,
    )
    .all(customerId) as SubscriptionProductRow[];
  const byId = new Map<string, SubscriptionView>();
  for (const row of rows) {
    let sub = byId.get(row.id);
    if (!sub) {
      sub = { id: row.id, status: row.status, started_at: row.started_at, products: [], required_actions: [] };
      byId.set(row.id, sub);
    }
    sub.products.push({ id: row.product_id, code: row.code, version: row.version });
  }
  return [...byId.values()];
}
