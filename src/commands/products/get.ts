import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord, printRecords } from '../../render/records.js';
import { priceColumns, priceRows, productColumns } from '../../render/products.js';

export function registerProductsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show a product with its versions and prices')
    .argument('<product>', 'product id (prp_…) or code')
    .addHelpText('after', '\nExamples:\n  credyt products get chat_api\n  credyt products get chat_api -o json')
    .action(action(ctx, runProductsGet));
}

/** On a table: the product, then one row per price of every version; elsewhere the price rows (or the API's JSON). */
export async function runProductsGet(rt: Runtime, _opts: object, ref: string): Promise<void> {
  const client = await rt.client();
  const product = await client.getProduct(await client.resolveProduct(ref));
  const rows = priceRows(product.versions ?? []);
  if (rt.output.mode === 'table' && !rt.output.quiet) {
    printRecord(rt.output, { columns: productColumns, row: product, json: product, id: (p) => p.id });
  }
  if (rt.output.mode === 'json' || rt.output.mode === 'jsonl' || rt.output.quiet) {
    printRecord(rt.output, { columns: productColumns, row: product, json: product, id: (p) => p.id });
    return;
  }
  printRecords(rt.output, { columns: priceColumns, rows, json: product, id: (r) => String(r.version.version) });
}
