import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { HoldStatus } from '../../client/ledger-types.js';
import { action } from '../verb.js';
import { choiceArg } from '../parse.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';
import { printHolds } from './print.js';

export interface HoldsListOptions extends PageOptions {
  status?: HoldStatus;
}

const STATUSES: readonly HoldStatus[] = ['pending', 'captured', 'voided', 'expired'];

export function registerHoldsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary("List a customer's holds, newest first (local engine)")
      .argument('<customer>', 'Credyt id (cust_…) or your external id')
      .option('--status <status>', `only holds in this status: ${STATUSES.join(', ')}`, choiceArg(STATUSES))
      .addHelpText('after', '\nExamples:\n  credyt holds list acme\n  credyt holds list acme --status pending -o json'),
  ).action(action(ctx, runHoldsList));
}

export async function runHoldsList(rt: Runtime, opts: HoldsListOptions, ref: string): Promise<void> {
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const list = await fetchList(rt, opts, (page) => client.listHolds(customerId, { status: opts.status, ...page }));
  await printHolds(rt, client, list);
}
