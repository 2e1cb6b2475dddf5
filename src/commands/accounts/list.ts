import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { listAccounts } from '../../client/accounts.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { accountColumns } from '../../render/accounts.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export interface AccountsListOptions extends PageOptions {
  externalId?: string;
}

export function registerAccountsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List connected accounts')
      .option('--external-id <id>', 'only the account with this external id (still a page, as Credyt answers it)')
      .addHelpText('after', '\nExamples:\n  credyt accounts list\n  credyt accounts list --external-id bingo -o json\n  credyt accounts list --all -q'),
  ).action(action(ctx, runAccountsList));
}

export async function runAccountsList(rt: Runtime, opts: AccountsListOptions): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => listAccounts(client, page, opts.externalId));
  printListing(rt.output, list, { columns: accountColumns, id: (a) => a.id, noun: 'connected accounts' });
}
