import { Command } from 'commander';
import type { Context } from './context.js';
import { addGlobalFlags } from './globals.js';
import { registerAssets } from './commands/assets/index.js';
import { registerRates } from './commands/rates/index.js';
import { registerCustomers } from './commands/customers/index.js';
import { registerTopUp } from './commands/top-up/index.js';
import { registerTopUps } from './commands/top-ups/index.js';
import { registerAdjust } from './commands/adjust/index.js';
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
import { HELP_TOPICS } from './commands/help/topics.js';

/** Subcommand help lists the command's own flags; this line points at the global ones. */
const GLOBAL_FLAGS_HINT = `
Global flags: -p/--profile, -o/--output, --json, -q, --fields, --limit, --all,
--no-input, -y/--yes, --debug and more (see \`credyt --help\`).`;

/** A fresh commander tree per run, writing only to the context's streams. */
export function createProgram(ctx: Context): Command {
  const program = new Command('credyt');
  program
    .description('Admin CLI for Credyt wallet-native billing, with an embedded Credyt-compatible engine')
    .version(ctx.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      // Help wraps to the terminal; piped (and in golden tests) it is a steady 80 columns.
      getOutHelpWidth: () => ctx.io.stdoutColumns ?? 80,
      getErrHelpWidth: () => 80,
    })
    .showSuggestionAfterError(true)
    .helpCommand(false)
    // Command lists show names only: the arguments are in each command's own help, and
    // a long usage in the list would push every description past 80 columns.
    .configureHelp({ subcommandTerm: (command) => command.name() });
  addGlobalFlags(program);
  program.addHelpText(
    'after',
    `
Help topics: ${Object.keys(HELP_TOPICS).join(', ')} (credyt help <topic>)

Examples:
  credyt demo
  credyt assets create --code TOK --name Tokens --label tok --precision 0 --rate USD=0.00001
  credyt top-up acme 9934.50234 USD --asset TOK
  credyt wallet get acme -o json`,
  );

  registerAssets(program, ctx);
  registerRates(program, ctx);
  registerCustomers(program, ctx);
  registerTopUp(program, ctx);
  registerTopUps(program, ctx);
  registerPortal(program, ctx);
  registerAdjust(program, ctx);
  registerWallet(program, ctx);
  registerHolds(program, ctx);
  registerProducts(program, ctx);
  registerUsage(program, ctx);
  registerEvents(program, ctx);
  registerPricing(program, ctx);
  registerProfileCommands(program, ctx);
  registerAuth(program, ctx);
  registerApi(program, ctx);
  registerLocal(program, ctx);
  registerDemo(program, ctx);
  registerCompletion(program, ctx);
  registerHelp(program, ctx);

  // Every subcommand inherits the run's output and error handling.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    command.addHelpText('after', GLOBAL_FLAGS_HINT);
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}
