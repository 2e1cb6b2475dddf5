import { Decimal } from '../../money/decimal.js';
import { eventFees } from './event-fees.js';
import { readEvents } from './event-input.js';
import { Fields } from '../request/fields.js';
import { PriceIndex } from './price-index.js';
import { requireProduct, requireVersion, versionPrices } from '../catalog/product-lookup.js';
import type { Store } from '../store/store.js';
import type { SimulationView } from '../types.js';

/**
 * `POST /products/{id}/{version|default}/simulate-usage`: the fees the version would charge
 * for these events, drafts included. Reads only: no customer, event, account or entry.
 * Event ids are optional here (nothing is stored to be idempotent about).
 */
export function simulateUsage(store: Store, idOrCode: string, ref: string, body: unknown): SimulationView {
  const product = requireProduct(store, idOrCode);
  const row = requireVersion(store, product, ref);
  const fields = Fields.of(body);
  const events = readEvents(fields, store.clock(), false);
  fields.done();
  const index = new PriceIndex(store, [
    {
      productSeq: product.seq,
      productId: product.id,
      productCode: product.code,
      version: row.version,
      published: row.status === 'published',
      prices: () => versionPrices(row),
    },
  ]);
  const results = events.map((e) => ({ e, fees: eventFees(index, e).map((f) => f.view) }));
  fields.done();
  const totals = new Map<string, Decimal>();
  for (const { fees } of results) {
    for (const fee of fees) totals.set(fee.asset, (totals.get(fee.asset) ?? new Decimal(0)).add(fee.amount));
  }
  return {
    product_id: product.id,
    version: row.version,
    events: results.map(({ e, fees }) => ({ ...(e.id === undefined ? {} : { id: e.id }), event_type: e.eventType, fees })),
    totals: [...totals].map(([asset, amount]) => ({ asset, amount })),
  };
}
