import type { CredytClient } from '../client/client.js';
import type { Asset, Page, PageQuery } from '../client/types.js';
import type { Product } from '../client/catalog-types.js';

/** What a profile has now: its custom assets and its products with their versions. */
export interface LiveState {
  assets: Asset[];
  products: Product[];
}

async function all<T>(fetch: (page: PageQuery) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; ) {
    const page = await fetch({ limit: 100, offset });
    out.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= Number(page.total_count.toString())) return out;
  }
}

/**
 * Reads the live configuration: every asset, every product with its versions. Fiat
 * currencies, should an API list them, are left out: a pricing file never declares them.
 */
export async function readLiveState(client: CredytClient): Promise<LiveState> {
  const assets = (await all((p) => client.listAssets(p))).filter((a) => a.kind !== 'fiat');
  const listed = await all((p) => client.listProducts(p));
  const products: Product[] = [];
  for (const product of listed) products.push(product.versions ? product : await client.getProduct(product.id));
  return { assets, products };
}
