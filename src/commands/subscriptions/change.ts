import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { productRefArg, type ProductRefArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { productsText, subscriptionViewColumns } from '../../render/subscriptions.js';

export interface SubscriptionsChangeOptions {
  product: ProductRefArg;
  prorate?: boolean;
}

/** One CODE[@VERSION]: a subscription moves to one version at a time. */
function oneProductRef(value: string, previous?: ProductRefArg): ProductRefArg {
  if (previous) throw new InvalidArgumentError('give --product once: a subscription moves to one version at a time.');
  return productRefArg(value)[0]!;
}

export function registerSubscriptionsChange(parent: Command, ctx: Context): void {
  parent
    .command('change')
    .summary('Move a subscription to another version of a product (local engine)')
    .description(
      'Move a subscription to another version of a product (upgrade or downgrade); the new version bills from ' +
        'now on. No refund of the current period unless --prorate (docs/subscriptions.md has the arithmetic). ' +
        'A local extension (POST /subscriptions/{id}/change).',
    )
    .argument('<id>', 'subscription id (sub_…)')
    .requiredOption('--product <code[@version]>', 'the product and version to move to (default: its default version)', oneProductRef)
    .option('--prorate', "credit the unused part of the current period's fixed fee")
    .addHelpText(
      'after',
      '\nExamples:\n  credyt subscriptions change sub_411xhg4kqakf3d8ybezbzta558 --product premium@2\n  credyt subscriptions change sub_411xhg4kqakf3d8ybezbzta558 --product premium --prorate -o json',
    )
    .action(action(ctx, runSubscriptionsChange));
}

export async function runSubscriptionsChange(rt: Runtime, opts: SubscriptionsChangeOptions, id: string): Promise<void> {
  const client = await rt.client();
  const subscription = await client.changeSubscription(id, { product: opts.product, ...(opts.prorate ? { prorate: true } : {}) });
  rt.note(`Subscription ${subscription.id} is now on ${productsText(subscription)}`);
  printRecord(rt.output, { columns: subscriptionViewColumns, row: subscription, json: subscription, id: (s) => s.id });
}
