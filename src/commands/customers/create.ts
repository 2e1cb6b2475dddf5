import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { required } from '../ask.js';
import { keyValueArg, productRefArg, type ProductRefArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { customerColumns } from '../../render/customers.js';
import { isCustomerId } from '../../client/customer-ref.js';
import { UsageError } from '../../errors.js';
import { notePending, paymentUrlFlags, subscriptionRequest, withPaymentUrlHint, type PaymentUrlOptions } from './subscription-flags.js';

export interface CustomersCreateOptions extends PaymentUrlOptions {
  name?: string;
  externalId?: string;
  email?: string;
  metadata?: Record<string, string>;
  product?: ProductRefArg[];
}

export function registerCustomersCreate(parent: Command, ctx: Context): void {
  paymentUrlFlags(
    parent
      .command('create')
      .summary('Create a customer')
      .option('--name <name>', 'customer name (asked for at a terminal when missing)')
      .option('--external-id <id>', 'your own id for the customer (usable wherever CUSTOMER is asked)')
      .option('--email <email>', 'contact email')
      .option('--metadata <key=value>', 'metadata entry (repeatable)', keyValueArg)
      .option('--product <code[@version]>', 'subscribe to a product at creation (repeatable)', productRefArg),
  )
    .addHelpText(
      'after',
      `
A product with a recurring fixed fee makes the subscription pending until the customer pays
the first period at its payment URL (-o json: required_actions); give --return-url and
--failure-url for it. Locally, \`credyt subscriptions complete SUB_ID\` pays it instead.

Examples:
  credyt customers create --name "Acme AI" --external-id acme
  credyt customers create --name "Ada Lovelace" --email ada@example.com -q
  credyt customers create --name "Acme AI" --external-id acme --product chat_api --product images@2
  credyt customers create --name "Acme AI" --product premium \\
    --return-url https://app.example/billing --failure-url https://app.example/billing/failed -o json
  credyt customers create                # at a terminal: asks for the name`,
    )
    .action(action(ctx, runCustomersCreate));
}

export async function runCustomersCreate(rt: Runtime, opts: CustomersCreateOptions): Promise<void> {
  if (opts.externalId !== undefined && isCustomerId(opts.externalId)) {
    // CUSTOMER arguments shaped like cust_… are always read as Credyt ids, so this one could never be used.
    throw new UsageError(`--external-id ${opts.externalId} has the shape of a Credyt customer id (cust_…); choose another.`);
  }
  if (!opts.product && (opts.returnUrl !== undefined || opts.failureUrl !== undefined)) {
    throw new UsageError('--return-url and --failure-url go with --product: they are where the subscription\'s payment returns.');
  }
  const name = await rt.ask(opts.name, { flag: '--name <name>', message: 'Customer name', validate: required });
  const client = await rt.client();
  const customer = await client
    .createCustomer({
      name,
      external_id: opts.externalId,
      email: opts.email,
      metadata: opts.metadata,
      subscriptions: opts.product ? [subscriptionRequest(opts.product, opts)] : undefined,
    })
    .catch((error: unknown) => {
      throw withPaymentUrlHint(error);
    });
  if (!customer || typeof customer !== 'object' || typeof customer.id !== 'string') {
    // The customer was created (2xx), but the answer does not say which id it has.
    rt.warn(`the server answered without the customer's id; find it with \`credyt customers list\`${opts.externalId ? ` or use ${opts.externalId}` : ''}.`);
    return;
  }
  rt.note(`Created customer ${customer.id}`);
  notePending(rt, customer.subscriptions);
  printRecord(rt.output, { columns: customerColumns, row: customer, json: customer, id: (c) => c.id });
}
