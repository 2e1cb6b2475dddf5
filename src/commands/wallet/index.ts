import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerWalletGet } from './get.js';
import { registerWalletAccount } from './account.js';
import { registerWalletGrants } from './grants.js';
import { registerWalletHistory } from './history.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerWallet(program: Command, ctx: Context): void {
  const wallet = program.command('wallet').summary(TOP_SUMMARIES.wallet);
  registerWalletGet(wallet, ctx);
  registerWalletAccount(wallet, ctx);
  registerWalletGrants(wallet, ctx);
  registerWalletHistory(wallet, ctx);
}
