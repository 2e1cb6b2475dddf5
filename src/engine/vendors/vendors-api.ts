import type { Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import { customerStats, vendorStats } from './stats.js';
import type { CustomerStatsView, VendorStatsView, VendorView } from './vendor-types.js';
import { createVendor, getVendor, getVendorByExternalId, listVendors } from './vendors.js';

/** The engine's vendor operations and the stats of customers and vendors (docs/vendors.md). */
export class Vendors {
  constructor(private readonly store: Store) {}

  create(body: unknown): VendorView {
    return createVendor(this.store, body);
  }
  list(query?: Query): PageView<VendorView> {
    return listVendors(this.store, query);
  }
  get(id: string): VendorView {
    return getVendor(this.store, id);
  }
  getByExternalId(externalId: string): VendorView {
    return getVendorByExternalId(this.store, externalId);
  }
  stats(id: string, query?: Query): VendorStatsView {
    return vendorStats(this.store, id, query);
  }
  customerStats(customerId: string, query?: Query): CustomerStatsView {
    return customerStats(this.store, customerId, query);
  }
}
