import { conflict, EngineError, notFound } from './errors.js';
import { Fields } from './fields.js';
import { newId } from './ids.js';
import { pageOf, readPage, type Query } from './paging.js';
import { show } from './show.js';
import type { Store } from './store.js';
import { isoText } from './time.js';
import type { CustomerView, PageView } from './types.js';

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

function customerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    external_id: row.external_id,
    name: row.name,
    email: row.email,
    created_at: row.created_at,
    external_accounts: [],
    subscriptions: [],
    metadata: JSON.parse(row.metadata) as Record<string, string>,
  };
}

/** Products do not exist yet, so any subscription names an unknown product (§6.3: 422). */
function rejectSubscriptions(fields: Fields): void {
  for (const sub of fields.objects('subscriptions') ?? []) {
    for (const product of sub.objects('products') ?? []) {
      const code = product.string('code', { required: true });
      if (code !== undefined) product.fail('code', `${product.name('code')} ${show(code)} is not a published product`);
    }
  }
}

/** `POST /customers`. A taken external_id is a 409 naming the customer that has it. */
export function createCustomer(store: Store, body: unknown): CustomerView {
  const fields = Fields.of(body);
  const name = fields.string('name', { required: true, max: 256 }) as string;
  const externalId = fields.string('external_id', { max: 255 });
  if (externalId === '') fields.fail('external_id', 'external_id must not be empty');
  const email = fields.string('email', { max: 320, pattern: EMAIL, allowed: 'an email address' });
  const metadata = fields.metadata() ?? {};
  rejectSubscriptions(fields);
  fields.done();

  return store.write(() => {
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
  return customerView(row);
}

/** `GET /customers?external_id=`: one customer or 404 (§6.3). */
export function getCustomerByExternalId(store: Store, externalId: string): CustomerView {
  const row = findByExternalId(store, externalId);
  if (!row) throw new EngineError(404, 'not_found', `no customer has external_id ${show(externalId)}`);
  return customerView(row);
}

export function listCustomers(store: Store, query?: Query): PageView<CustomerView> {
  const params = readPage(query);
  const total = (store.stmt('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
  const rows = store
    .stmt(`SELECT ${COLUMNS} FROM customers ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(params.limit, params.offset) as CustomerRow[];
  return pageOf(rows.map(customerView), total, params);
}
