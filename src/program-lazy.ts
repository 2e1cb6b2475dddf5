import type { Command } from 'commander';
import type { Context } from './context.js';
import { finishProgram, programShell } from './program-shell.js';

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
    commands: [{ name: 'assets', summary: 'Define custom assets and quote what fiat buys' }],
    load: async () => (await import('./commands/assets/index.js')).registerAssets,
  },
  {
    commands: [{ name: 'rates', summary: 'Add, schedule and list exchange rates of an asset' }],
    load: async () => (await import('./commands/rates/index.js')).registerRates,
  },
  {
    commands: [{ name: 'customers', summary: 'Create, list and show customers' }],
    load: async () => (await import('./commands/customers/index.js')).registerCustomers,
  },
  {
    commands: [{ name: 'top-up', summary: 'Credit a customer: fiat, or a custom asset bought with fiat' }],
    load: async () => (await import('./commands/top-up/index.js')).registerTopUp,
  },
  {
    commands: [{ name: 'top-ups', summary: 'Follow payment top-ups (complete or fail them locally)' }],
    load: async () => (await import('./commands/top-ups/index.js')).registerTopUps,
  },
  {
    commands: [{ name: 'portal', summary: "Print a link to a customer's billing portal (balances, usage, Add funds)" }],
    load: async () => (await import('./commands/portal/index.js')).registerPortal,
  },
  {
    commands: [{ name: 'adjust', summary: 'Credit or debit an account outside usage: refunds, charges, corrections' }],
    load: async () => (await import('./commands/adjust/index.js')).registerAdjust,
  },
  {
    commands: [{ name: 'wallet', summary: "Show a customer's wallet and its accounts" }],
    load: async () => (await import('./commands/wallet/index.js')).registerWallet,
  },
  {
    commands: [{ name: 'holds', summary: 'Reserve, capture and release wallet value (pre-authorisations)' }],
    load: async () => (await import('./commands/holds/index.js')).registerHolds,
  },
  {
    commands: [{ name: 'products', summary: 'Define versioned products and their prices; simulate usage' }],
    load: async () => (await import('./commands/products/index.js')).registerProducts,
  },
  {
    commands: [{ name: 'usage', summary: 'Post usage events, billed in real time' }],
    load: async () => (await import('./commands/usage/index.js')).registerUsage,
  },
  {
    commands: [{ name: 'events', summary: 'List usage events and show the fees of each' }],
    load: async () => (await import('./commands/events/index.js')).registerEvents,
  },
  {
    commands: [{ name: 'pricing', summary: 'Pricing as code: validate, pull, plan, apply and test credyt.pricing.yaml' }],
    load: async () => (await import('./commands/pricing/index.js')).registerPricing,
  },
  {
    commands: [
      { name: 'login', summary: 'Save a profile (base URL + API key) after checking the key' },
      { name: 'logout', summary: "Forget a profile's API key (the profile and its base URL stay)" },
      { name: 'profiles', summary: 'List, choose, show and remove profiles (keys always masked)' },
      { name: 'whoami', summary: 'Show the profile in use and the platform account its key belongs to' }
    ],
    load: async () => (await import('./commands/profiles/index.js')).registerProfileCommands,
  },
  {
    commands: [{ name: 'auth', summary: 'Which key is in use, where it comes from, and whether it works' }],
    load: async () => (await import('./commands/auth/index.js')).registerAuth,
  },
  {
    commands: [{ name: 'api', summary: "Call any API endpoint with the profile's key and print the response body as received" }],
    load: async () => (await import('./commands/api/index.js')).registerApi,
  },
  {
    commands: [{ name: 'local', summary: 'Run the embedded wallet engine' }],
    load: async () => (await import('./commands/local/index.js')).registerLocal,
  },
  {
    commands: [{ name: 'demo', summary: 'Build the mixed fiat + token wallet in a fresh embedded database and print it' }],
    load: async () => (await import('./commands/demo/index.js')).registerDemo,
  },
  {
    commands: [
      { name: 'completion', summary: 'Print the shell completion script for bash, zsh or fish' },
      { name: '__complete', summary: 'Profile names or asset codes, one per line (for the completion scripts)', hidden: true }
    ],
    load: async () => (await import('./commands/completion/index.js')).registerCompletion,
  },
  {
    commands: [{ name: 'help', summary: 'Show help for a command or a topic (exit-codes, environment, formatting)' }],
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
  const program = programShell(ctx);
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
