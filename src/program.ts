import type { Command } from 'commander';
import type { Context } from './context.js';
import { finishProgram, programShell } from './program-shell.js';
import { registerAssets } from './commands/assets/index.js';
import { registerRates } from './commands/rates/index.js';
import { registerCustomers } from './commands/customers/index.js';
import { registerTopUp } from './commands/top-up/index.js';
import { registerTopUps } from './commands/top-ups/index.js';
import { registerAdjust } from './commands/adjust/index.js';
import { registerAdjustments } from './commands/adjustments/index.js';
import { registerWallet } from './commands/wallet/index.js';
import { registerHolds } from './commands/holds/index.js';
import { registerProducts } from './commands/products/index.js';
import { registerUsage } from './commands/usage/index.js';
import { registerEvents } from './commands/events/index.js';
import { registerPricing } from './commands/pricing/index.js';
import { registerLocal } from './commands/local/index.js';
import { registerDemo } from './commands/demo/index.js';
import { registerProfileCommands } from './commands/profiles/index.js';
import { registerAuth } from './commands/auth/index.js';
import { registerApi } from './commands/api/index.js';
import { registerCompletion } from './commands/completion/index.js';
import { registerHelp } from './commands/help/index.js';
import { registerPortal } from './commands/portal/index.js';
import { registerWebhooks } from './commands/webhooks/index.js';

/**
 * A fresh commander tree per call, every command in it, writing only to the context's
 * streams (completion scripts and golden tests walk it). A run builds a lighter one
 * (`programFor` in program-lazy.ts) with the same top level.
 */
export function createProgram(ctx: Context): Command {
  const program = programShell(ctx);
  registerAssets(program, ctx);
  registerRates(program, ctx);
  registerCustomers(program, ctx);
  registerTopUp(program, ctx);
  registerTopUps(program, ctx);
  registerPortal(program, ctx);
  registerAdjust(program, ctx);
  registerAdjustments(program, ctx);
  registerWallet(program, ctx);
  registerHolds(program, ctx);
  registerProducts(program, ctx);
  registerUsage(program, ctx);
  registerEvents(program, ctx);
  registerWebhooks(program, ctx);
  registerPricing(program, ctx);
  registerProfileCommands(program, ctx);
  registerAuth(program, ctx);
  registerApi(program, ctx);
  registerLocal(program, ctx);
  registerDemo(program, ctx);
  registerCompletion(program, ctx);
  registerHelp(program, ctx);
  return finishProgram(program);
}
