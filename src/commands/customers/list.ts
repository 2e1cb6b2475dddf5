import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';
import { customerColumns } from '../../render/customers.js';
import { pageFlags, type PageOptions } from '../paging.js';

export function registerCustomersList(parent: Command, ctx: Context, run = runCustomersList): void {
  pageFlags(
    parent
      .command('list')
      .summary('List customers, newest first')
      .addHelpText('after', '\nExamples:\n  credyt customers list\n  credyt customers list --limit 100 -o csv'),
  ).action(action(ctx, run));
}

export async function runCustomersList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const page = await client.listCustomers({ limit: opts.limit, offset: opts.offset });
  printRecords(rt.output, { columns: customerColumns, rows: page.items, json: page, id: (c) => c.id });
}
