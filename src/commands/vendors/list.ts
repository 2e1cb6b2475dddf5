import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { listVendors } from '../../client/vendors.js';
import { action } from '../verb.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { printVendors } from './print.js';

export function registerVendorsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List vendors, newest first')
      .addHelpText('after', '\nExamples:\n  credyt vendors list\n  credyt vendors list --all -o json'),
  ).action(action(ctx, runVendorsList));
}

export async function runVendorsList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  printVendors(rt, await fetchList(rt, opts, (page) => listVendors(client, page)));
}
