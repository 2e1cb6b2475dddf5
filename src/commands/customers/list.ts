import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { customerColumns } from '../../render/customers.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export function registerCustomersList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List customers, newest first')
      .addHelpText('after', '\nExamples:\n  credyt customers list\n  credyt customers list --all -o csv > customers.csv\n  credyt customers list --limit 50 --offset 100 --fields id,external_id,email'),
  ).action(action(ctx, runCustomersList));
}

export async function runCustomersList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => client.listCustomers(page));
  printListing(rt.output, list, { columns: customerColumns, id: (c) => c.id, noun: 'customers' });
}
