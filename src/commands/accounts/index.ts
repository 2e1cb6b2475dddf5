import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAccountsCreate } from './create.js';
import { registerAccountsList } from './list.js';
import { registerAccountsGet } from './get.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerAccounts(program: Command, ctx: Context): void {
  const accounts = program
    .command('accounts')
    .summary(TOP_SUMMARIES.accounts)
    .description(
      'Connected accounts (Credyt for Platforms): partitions of your platform, each with its own customers, ' +
        'wallets, products and events. These verbs always act as the platform; to act on one account, give ' +
        '`--account acc_…` (or CREDYT_ACCOUNT, or a profile default: `credyt profiles account NAME acc_…`) ' +
        'to any other command.',
    );
  registerAccountsCreate(accounts, ctx);
  registerAccountsList(accounts, ctx);
  registerAccountsGet(accounts, ctx);
}
