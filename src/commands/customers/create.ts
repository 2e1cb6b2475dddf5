import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { keyValueArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { customerColumns } from '../../render/customers.js';

export interface CustomersCreateOptions {
  name: string;
  externalId?: string;
  email?: string;
  metadata?: Record<string, string>;
}

export function registerCustomersCreate(parent: Command, ctx: Context, run = runCustomersCreate): void {
  parent
    .command('create')
    .summary('Create a customer')
    .requiredOption('--name <name>', 'customer name')
    .option('--external-id <id>', 'your own id for the customer (usable wherever CUSTOMER is asked)')
    .option('--email <email>', 'contact email')
    .option('--metadata <key=value>', 'metadata entry (repeatable)', keyValueArg)
    .addHelpText(
      'after',
      `
Examples:
  credyt customers create --name "Acme AI" --external-id acme
  credyt customers create --name "Ada Lovelace" --email ada@example.com -q`,
    )
    .action(action(ctx, run));
}

export async function runCustomersCreate(rt: Runtime, opts: CustomersCreateOptions): Promise<void> {
  const client = await rt.client();
  const customer = await client.createCustomer({
    name: opts.name,
    external_id: opts.externalId,
    email: opts.email,
    metadata: opts.metadata,
  });
  rt.note(`Created customer ${customer.id}`);
  printRecord(rt.output, { columns: customerColumns, row: customer, json: customer, id: (c) => c.id });
}
