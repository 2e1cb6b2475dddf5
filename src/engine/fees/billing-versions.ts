import { parseJsonDecimal } from '../../json/parse.js';
import type { PricedVersion } from './price-index.js';
import type { Price } from '../catalog/pricing-types.js';
import type { Store } from '../store/store.js';

interface Row {
  product_seq: number;
  version: number;
  id: string;
  code: string;
  status: string;
  prices: string;
}

/**
 * The versions a customer is billed from right now: one per product of each active
 * subscription, the version subscribed to (later versions never reach existing subscribers).
 */
export function billingVersions(store: Store, customerId: string): PricedVersion[] {
  const rows = store
    .stmt(
      `SELECT sp.product_seq, sp.version, p.id, p.code, v.status, v.prices
       FROM subscriptions s
       JOIN subscription_products sp ON sp.subscription_seq = s.seq
       JOIN products p ON p.seq = sp.product_seq
       JOIN product_versions v ON v.product_seq = sp.product_seq AND v.version = sp.version
       WHERE s.customer_id = ? AND s.status = 'active' ORDER BY s.seq, sp.position`,
    )
    .all(customerId) as Row[];
  return rows.map((row) => ({
    productSeq: row.product_seq,
    productId: row.id,
    productCode: row.code,
    version: row.version,
    published: row.status === 'published',
    prices: () => parseJsonDecimal(row.prices) as Price[],
  }));
}
