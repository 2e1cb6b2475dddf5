import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { integerArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { versionColumns } from '../../render/products.js';

export interface ProductsPublishOptions {
  default?: boolean;
}

export function registerProductsPublish(parent: Command, ctx: Context): void {
  parent
    .command('publish')
    .summary('Publish a product version, optionally making it the default for new subscribers')
    .argument('<product>', 'product id (prp_…) or code')
    .argument('<version>', 'version number', integerArg(1, Number.MAX_SAFE_INTEGER))
    .option('--default', 'also make it the default version')
    .addHelpText('after', '\nExamples:\n  credyt products publish chat_api 2\n  credyt products publish chat_api 2 --default')
    .action(action(ctx, runProductsPublish));
}

export async function runProductsPublish(rt: Runtime, opts: ProductsPublishOptions, ref: string, version: number): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveProduct(ref);
  const updated = await client.updateProductVersion(id, version, opts.default ? { publish: true, make_default: true } : { publish: true });
  rt.note(`Published ${ref} version ${version}${opts.default ? ' as the default' : ''}`);
  printRecord(rt.output, { columns: versionColumns, row: updated, json: updated, id: (v) => v.version.toString() });
}
