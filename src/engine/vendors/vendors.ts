import { conflict, EngineError, notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import type { VendorView } from './vendor-types.js';

export interface VendorRow extends VendorView {
  seq: number;
}

const COLUMNS = 'seq, id, name, external_id, created_at';
/** The shape of the ids newId('vnd') makes; an external id of that shape would be ambiguous. */
export const VENDOR_ID_SHAPE = /^vnd_[0-9a-z]{26}$/;

const view = ({ id, name, external_id, created_at }: VendorRow): VendorView => ({ id, name, external_id, created_at });

/** `POST /vendors` (and `/events/vendors`) `{name, external_id?}`; a taken external_id is a 409. */
export function createVendor(store: Store, body: unknown): VendorView {
  const fields = Fields.of(body);
  fields.string('name', { required: true, max: 256 });
  const externalId = fields.string('external_id', { max: 255 });
  if (externalId === '') fields.fail('external_id', 'external_id must not be empty');
  if (externalId !== undefined && VENDOR_ID_SHAPE.test(externalId)) {
    fields.fail('external_id', `external_id ${show(externalId)} has the shape of a vendor id (vnd_…); choose another`);
  }
  fields.done();
  const name = fields.raw('name') as string;
  return store.write(() => {
    if (externalId !== undefined) {
      const existing = vendorByExternalId(store, externalId);
      if (existing) {
        throw conflict(`a vendor with external_id ${show(externalId)} already exists: ${existing.id}`, { existing_id: existing.id });
      }
    }
    const now = store.clock();
    const id = newId('vnd', now);
    store.stmt('INSERT INTO vendors (id, name, external_id, created_at) VALUES (?, ?, ?, ?)').run(id, name, externalId ?? null, isoText(now));
    return getVendor(store, id);
  });
}

export function vendorById(store: Store, id: string): VendorRow | undefined {
  return store.stmt(`SELECT ${COLUMNS} FROM vendors WHERE id = ?`).get(id) as VendorRow | undefined;
}

export function vendorByExternalId(store: Store, externalId: string): VendorRow | undefined {
  return store.stmt(`SELECT ${COLUMNS} FROM vendors WHERE external_id = ?`).get(externalId) as VendorRow | undefined;
}

export function getVendor(store: Store, id: string): VendorView {
  const row = vendorById(store, id);
  if (!row) throw notFound('vendor', id);
  return view(row);
}

/** `GET /vendors?external_id=`: one vendor or 404, as customers answer. */
export function getVendorByExternalId(store: Store, externalId: string): VendorView {
  const row = vendorByExternalId(store, externalId);
  if (!row) throw new EngineError(404, 'not_found', `no vendor has external_id ${show(externalId)}`);
  return view(row);
}

/** `GET /vendors`: newest first. */
export function listVendors(store: Store, query?: Query): PageView<VendorView> {
  const params = readPage(query);
  const total = store.stmt('SELECT count(*) FROM vendors').pluck().get() as number;
  const rows = store.stmt(`SELECT ${COLUMNS} FROM vendors ORDER BY seq DESC LIMIT ? OFFSET ?`).all(params.limit, params.offset) as VendorRow[];
  return pageOf(rows.map(view), total, params);
}
