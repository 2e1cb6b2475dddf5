import type { Command } from 'commander';
import type { Context } from './context.js';
import { finishProgram, programShell } from './program-shell.js';
import { firstOperand } from './command-words.js';
import { TOP_SUMMARIES } from './top-summaries.js';

type Register = (program: Command, ctx: Context) => void;

/** Top-level commands as `credyt --help` lists them, and the module that registers each. */
interface TopLevel {
  commands: { name: string; summary: string; hidden?: boolean }[];
  load: () => Promise<Register>;
}

/**
 * The top level in the order of createProgram (program.ts); a test checks that both give
 * the same names, summaries and help.
 */
export const TOP_LEVEL: TopLevel[] = [
  {
    commands: [{ name: 'assets', summary: TOP_SUMMARIES.assets }],
    load: async () => (await import('./commands/assets/index.js')).registerAssets,
  },
  {
    commands: [{ name: 'rates', summary: TOP_SUMMARIES.rates }],
    load: async () => (await import('./commands/rates/index.js')).registerRates,
  },
  {
    commands: [{ name: 'customers', summary: TOP_SUMMARIES.customers }],
    load: async () => (await import('./commands/customers/index.js')).registerCustomers,
  },
  {
    commands: [{ name: 'top-up', summary: TOP_SUMMARIES['top-up'] }],
    load: async () => (await import('./commands/top-up/index.js')).registerTopUp,
  },
  {
    commands: [{ name: 'top-ups', summary: TOP_SUMMARIES['top-ups'] }],
    load: async () => (await import('./commands/top-ups/index.js')).registerTopUps,
  },
  {
    commands: [{ name: 'portal', summary: TOP_SUMMARIES.portal }],
    load: async () => (await import('./commands/portal/index.js')).registerPortal,
  },
  {
    commands: [{ name: 'adjust', summary: TOP_SUMMARIES.adjust }],
    load: async () => (await import('./commands/adjust/index.js')).registerAdjust,
  },
  {
    commands: [{ name: 'adjustments', summary: TOP_SUMMARIES.adjustments }],
    load: async () => (await import('./commands/adjustments/index.js')).registerAdjustments,
  },
  {
    commands: [{ name: 'wallet', summary: TOP_SUMMARIES.wallet }],
    load: async () => (await import('./commands/wallet/index.js')).registerWallet,
  },
  {
    commands: [{ name: 'holds', summary: TOP_SUMMARIES.holds }],
    load: async () => (await import('./commands/holds/index.js')).registerHolds,
  },
  {
    commands: [{ name: 'products', summary: TOP_SUMMARIES.products }],
    load: async () => (await import('./commands/products/index.js')).registerProducts,
  },
  {
    commands: [{ name: 'usage', summary: TOP_SUMMARIES.usage }],
    load: async () => (await import('./commands/usage/index.js')).registerUsage,
  },
  {
    commands: [{ name: 'events', summary: TOP_SUMMARIES.events }],
    load: async () => (await import('./commands/events/index.js')).registerEvents,
  },
  {
    commands: [{ name: 'webhooks', summary: TOP_SUMMARIES.webhooks }],
    load: async () => (await import('./commands/webhooks/index.js')).registerWebhooks,
  },
  {
    commands: [{ name: 'pricing', summary: TOP_SUMMARIES.pricing }],
    load: async () => (await import('./commands/pricing/index.js')).registerPricing,
  },
  {
    commands: [
      { name: 'login', summary: TOP_SUMMARIES.login },
      { name: 'logout', summary: TOP_SUMMARIES.logout },
      { name: 'profiles', summary: TOP_SUMMARIES.profiles },
      { name: 'whoami', summary: TOP_SUMMARIES.whoami }
    ],
    load: async () => (await import('./commands/profiles/index.js')).registerProfileCommands,
  },
  {
    commands: [{ name: 'auth', summary: TOP_SUMMARIES.auth }],
    load: async () => (await import('./commands/auth/index.js')).registerAuth,
  },
  {
    commands: [{ name: 'api', summary: TOP_SUMMARIES.api }],
    load: async () => (await import('./commands/api/index.js')).registerApi,
  },
  {
    commands: [{ name: 'local', summary: TOP_SUMMARIES.local }],
    load: async () => (await import('./commands/local/index.js')).registerLocal,
  },
  {
    commands: [{ name: 'demo', summary: TOP_SUMMARIES.demo }],
    load: async () => (await import('./commands/demo/index.js')).registerDemo,
  },
  {
    commands: [
      { name: 'completion', summary: TOP_SUMMARIES.completion },
      { name: '__complete', summary: TOP_SUMMARIES.__complete, hidden: true }
    ],
    load: async () => (await import('./commands/completion/index.js')).registerCompletion,
  },
  {
    commands: [{ name: 'help', summary: TOP_SUMMARIES.help }],
    load: async () => (await import('./commands/help/index.js')).registerHelp,
  },
];

/** These walk the whole tree (completion scripts, completing a command path). */
const WHOLE_TREE = new Set(['completion', '__complete']);

/**
 * The tree one run needs: every top-level command, but only those named in argv (any
 * word of it: a flag's value costs a module load, never a wrong parse) are registered in
 * full; the others are a name and a summary, which is all `credyt --help` shows. So
 * `--help` loads no verb module, and `wallet get` loads the wallet verbs only.
 */
export async function programFor(ctx: Context, argv: readonly string[]): Promise<Command> {
  const words = new Set(argv);
  const whole = argv.some((word) => WHOLE_TREE.has(word));
  const needed = TOP_LEVEL.filter((entry) => whole || entry.commands.some((c) => words.has(c.name)));
  const registers = new Map(await Promise.all(needed.map(async (entry) => [entry, await entry.load()] as const)));
  // `-V/--version` is the program's only before any command: after one, `--version` is the
  // command's own flag (products simulate) or unknown. Completion describes the whole tree,
  // root flags included.
  const first = firstOperand(argv, programShell(ctx));
  const namesCommand = !whole && TOP_LEVEL.some((entry) => entry.commands.some((c) => c.name === first));
  const program = programShell(ctx, { version: !namesCommand });
  for (const entry of TOP_LEVEL) {
    const register = registers.get(entry);
    if (register) {
      register(program, ctx);
      continue;
    }
    for (const { name, summary, hidden } of entry.commands) {
      program
        .command(name, { hidden })
        .summary(summary)
        .action(() => {
          throw new Error(`internal: \`${name}\` ran without being loaded`);
        });
    }
  }
  return finishProgram(program);
}
