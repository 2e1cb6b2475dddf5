import { conflict, EngineError, notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { checkPlan, customerSubscriptions, insertSubscription, readPaymentUrls, readProductChoices, resolveChoices } from '../subscriptions/subscriptions.js';
import type { CustomerView, PageView, SubscriptionView } from '../types.js';

interface CustomerRow {
  id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  metadata: string;
  created_at: string;
}

const COLUMNS = 'id, external_id, name, email, metadata, created_at';
const EMAIL = /^[^@\s]+@[^@\s]+$/;

function customerView(store: Store, row: CustomerRow): CustomerView {
  return {
    id: row.id,
    external_id: row.external_id,
    name: row.name,
    email: row.email,
    created_at: row.created_at,
    external_accounts: [],
    subscriptions: customerSubscriptions(store, row.id),
    metadata: JSON.parse(row.metadata) as Record<string, string>,
  };
}


/** The shape of the ids newId('cust') makes: `cust_` and 26 lowercase base-32 characters. */
const CUSTOMER_ID_SHAPE = /^cust_[0-9a-z]{26}$/;

/** `POST /customers`. A taken external_id is a 409 naming the customer that has it. */
export function createCustomer(store: Store, body: unknown): CustomerView {
  const fields = Fields.of(body);
  const name = fields.string('name', { required: true, max: 256 }) as string;
  const externalId = fields.string('external_id', { max: 255 });
  if (externalId === '') fields.fail('external_id', 'external_id must not be empty');
  // An external id shaped like a customer id would make every lookup ambiguous: ids win.
  if (externalId !== undefined && CUSTOMER_ID_SHAPE.test(externalId)) {
    fields.fail('external_id', `external_id ${show(externalId)} has the shape of a Credyt customer id (cust_…); choose another`);
  }
  const email = fields.string('email', { max: 320, pattern: EMAIL, allowed: 'an email address' });
  const metadata = fields.metadata() ?? {};
  const subscriptions = (fields.objects('subscriptions') ?? []).map((f) => ({ f, choices: readProductChoices(f), urls: readPaymentUrls(f) }));

  return store.write(() => {
    // Resolved before anything is written: an unknown product refuses the whole customer.
    const resolved = subscriptions.map(({ f, choices, urls }) => {
      const versions = resolveChoices(store, null, choices);
      return { versions, urls, plan: checkPlan(f, versions, urls) };
    });
    const named = resolved.flatMap((r) => r.versions).map((r) => r.product.seq);
    if (new Set(named).size !== named.length) {
      fields.fail('subscriptions', 'a product may be named once across subscriptions; it would bill every event twice');
    }
    fields.done();
    if (externalId !== undefined) {
      const existing = findByExternalId(store, externalId);
      if (existing) {
        throw conflict(`a customer with external_id ${show(externalId)} already exists: ${existing.id}`, {
          existing_id: existing.id,
        });
      }
    }
    const now = store.clock();
    const id = newId('cust', now);
    store
      .stmt(`INSERT INTO customers (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(id, externalId ?? null, name, email ?? null, JSON.stringify(metadata), isoText(now));
    for (const { versions, plan, urls } of resolved) if (plan) insertSubscription(store, id, versions, plan, urls);
    return getCustomer(store, id);
  });
}

function findByExternalId(store: Store, externalId: string): CustomerRow | undefined {
  return store.stmt(`SELECT ${COLUMNS} FROM customers WHERE external_id = ?`).get(externalId) as
    | CustomerRow
    | undefined;
}

/** Throws 404 unless the customer exists. */
export function requireCustomer(store: Store, id: string): void {
  if (!store.stmt('SELECT 1 FROM customers WHERE id = ?').get(id)) {
    throw notFound('customer', id);
  }
}

export function getCustomer(store: Store, id: string): CustomerView {
  const row = store.stmt(`SELECT ${COLUMNS} FROM customers WHERE id = ?`).get(id) as CustomerRow | undefined;
  if (!row) throw notFound('customer', id);
  return customerView(store, row);
}

/** `GET /customers?external_id=`: one customer or 404 (§6.3). */
export function getCustomerByExternalId(store: Store, externalId: string): CustomerView {
  const row = findByExternalId(store, externalId);
  if (!row) throw new EngineError(404, 'not_found', `no customer has external_id ${show(externalId)}`);
  return customerView(store, row);
}

export function listCustomers(store: Store, query?: Query): PageView<CustomerView> {
  const params = readPage(query);
  const total = (store.stmt('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  const rows = store
    .stmt(`SELECT ${COLUMNS} FROM customers ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(params.limit, params.offset) as CustomerRow[];
  return pageOf(rows.map((row) => customerView(store, row)), total, params);
}

/**
 * `POST /customers/{id}/subscriptions` `{products: [{code, version?}]}`: one more
 * subscription for an existing customer (the contract leaves the path open; §2.2 C6).
 */
export function createSubscription(store: Store, customerId: string, body: unknown): SubscriptionView {
  const fields = Fields.of(body);
  const choices = readProductChoices(fields);
  const urls = readPaymentUrls(fields);
  return store.write(() => {
    requireCustomer(store, customerId);
    const resolved = resolveChoices(store, customerId, choices);
    const plan = checkPlan(fields, resolved, urls);
    fields.done();
    const id = insertSubscription(store, customerId, resolved, plan as NonNullable<typeof plan>, urls);
    return customerSubscriptions(store, customerId).find((s) => s.id === id) as SubscriptionView;
  });
}
