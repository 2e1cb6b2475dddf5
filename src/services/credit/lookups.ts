import type { CredytClient } from '../../client/client.js';
import { assetLookup, type AssetLookup, type AssetPrecision } from './conversion.js';

/** One load per key, shared by every caller; a failed load (a 503) is tried again by the next caller rather than remembered. */
function once<V>(cache: Map<string, Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** An asset lookup that reads each asset once per run (precisions do not change). */
export function cachedAssetLookup(client: CredytClient): AssetLookup {
  const fetch = assetLookup(client);
  const precisions = new Map<string, Promise<AssetPrecision>>();
  return (code) => once(precisions, code.toUpperCase(), () => fetch(code));
}

/**
 * Lookups a bulk run makes once, however many lines need them: customers and asset
 * precisions, which do not change. Rates do, so they are not kept: each line is converted
 * when it is sent (conversion.ts).
 */
export class CreditLookups {
  private readonly customers = new Map<string, Promise<string>>();
  /** Customer ids once resolved: a line of a known customer does not wait for a promise. */
  private readonly customerIds = new Map<string, string>();
  readonly asset: AssetLookup;

  constructor(private readonly client: CredytClient) {
    this.asset = cachedAssetLookup(client);
  }

  customer(ref: string): string | Promise<string> {
    return (
      this.customerIds.get(ref) ??
      once(this.customers, ref, async () => {
        const id = await this.client.resolveCustomer(ref);
        this.customerIds.set(ref, id);
        return id;
      })
    );
  }
}
