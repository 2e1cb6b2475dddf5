import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Subscription } from '../../client/types.js';
import { action } from '../verb.js';
import { productRefArg, type ProductRefArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { plainText } from '../../render/cells.js';
import type { Column } from '../../render/records.js';

export interface CustomersSubscribeOptions {
  product: ProductRefArg[];
}

export const subscriptionColumns: Column<Subscription>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'STATUS', value: (s) => s.status },
  { header: 'PRODUCTS', value: (s) => (Array.isArray(s.products) ? s.products : []).map((p) => `${p.code}@${plainText(p.version)}`).join(' ') },
  { header: 'STARTED AT', value: (s) => s.started_at },
];

export function registerCustomersSubscribe(parent: Command, ctx: Context): void {
  parent
    .command('subscribe')
    .summary('Subscribe a customer to products; their price assets get accounts (local engine)')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .requiredOption('--product <code[@version]>', 'product code, optionally @VERSION (default: the default version; repeatable)', productRefArg)
    .addHelpText('after', '\nExamples:\n  credyt customers subscribe acme --product chat_api\n  credyt customers subscribe acme --product chat_api@2 --product images')
    .action(action(ctx, runCustomersSubscribe));
}

export async function runCustomersSubscribe(rt: Runtime, opts: CustomersSubscribeOptions, ref: string): Promise<void> {
  const client = await rt.client();
  const id = await client.resolveCustomer(ref);
  const subscription = await client.subscribe(id, { products: opts.product });
  rt.note(`Subscribed ${ref} to ${opts.product.map((p) => p.code).join(', ')}`);
  if (!subscription || typeof subscription !== 'object') {
    // The subscription was made (2xx), but there is nothing to print.
    rt.warn('the server answered without the subscription; its id is unknown (see `credyt customers get`).');
    return;
  }
  printRecord(rt.output, { columns: subscriptionColumns, row: subscription, json: subscription, id: (s) => s.id ?? '' });
}
