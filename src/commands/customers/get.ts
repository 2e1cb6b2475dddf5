import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { customerColumns } from '../../render/customers.js';

export function registerCustomersGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show one customer')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .addHelpText('after', '\nExamples:\n  credyt customers get acme\n  credyt customers get cust_473cr1y0ghbyc3m1yfbwvn3nxx -o json')
    .action(action(ctx, runCustomersGet));
}

export async function runCustomersGet(rt: Runtime, _opts: object, ref: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const customer = await client.getCustomer(id);
  printRecord(rt.output, { columns: customerColumns, row: customer, json: customer, id: (c) => c.id });
}
