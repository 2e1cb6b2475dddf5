import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { productRefArg, type ProductRefArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { subscriptionColumns } from '../../render/subscriptions.js';
import { notePending, paymentUrlFlags, subscriptionRequest, withPaymentUrlHint, type PaymentUrlOptions } from './subscription-flags.js';

export interface CustomersSubscribeOptions extends PaymentUrlOptions {
  product: ProductRefArg[];
}

export function registerCustomersSubscribe(parent: Command, ctx: Context): void {
  paymentUrlFlags(
    parent
      .command('subscribe')
      .summary('Subscribe a customer to products; their price assets get accounts (local engine)')
      .argument('<customer>', 'Credyt id (cust_…) or your external id')
      .requiredOption('--product <code[@version]>', 'product code, optionally @VERSION (default: the default version; repeatable)', productRefArg),
  )
    .addHelpText(
      'after',
      `
A product with a recurring fixed fee makes the subscription pending until the customer pays
the first period at its payment URL; give --return-url and --failure-url for it. Locally,
\`credyt subscriptions complete SUB_ID\` pays it instead.

Examples:
  credyt customers subscribe acme --product chat_api
  credyt customers subscribe acme --product chat_api@2 --product images
  credyt customers subscribe acme --product premium \\
    --return-url https://app.example/billing --failure-url https://app.example/billing/failed`,
    )
    .action(action(ctx, runCustomersSubscribe));
}

export async function runCustomersSubscribe(rt: Runtime, opts: CustomersSubscribeOptions, ref: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const subscription = await client.subscribe(id, subscriptionRequest(opts.product, opts)).catch((error: unknown) => {
    throw withPaymentUrlHint(error);
  });
  rt.note(`Subscribed ${ref} to ${opts.product.map((p) => p.code).join(', ')}`);
  if (!subscription || typeof subscription !== 'object') {
    // The subscription was made (2xx), but there is nothing to print.
    rt.warn('the server answered without the subscription; its id is unknown (see `credyt customers get`).');
    return;
  }
  notePending(rt, [subscription]);
  printRecord(rt.output, { columns: subscriptionColumns, row: subscription, json: subscription, id: (s) => s.id ?? '' });
}
