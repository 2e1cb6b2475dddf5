import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { productColumns } from '../../render/products.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export function registerProductsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List products, newest first')
      .addHelpText('after', '\nExamples:\n  credyt products list\n  credyt products list -o json'),
  ).action(action(ctx, runProductsList));
}

export async function runProductsList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => client.listProducts(page));
  printListing(rt.output, list, { columns: productColumns, id: (p) => p.id, noun: 'products' });
}
