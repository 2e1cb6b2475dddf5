import type { Command } from 'commander';
import type { Context } from './context.js';
import { finishProgram, programShell, type RunArgv } from './program-shell.js';
import { firstOperand } from './command-words.js';
import { TOP_SUMMARIES } from './top-summaries.js';

type Register = (program: Command, ctx: Context, runArgv: RunArgv) => void;

type TopName = keyof typeof TOP_SUMMARIES;

/** Top-level commands one module registers, and how to load that module. */
interface TopLevel {
  names: readonly TopName[];
  load: () => Promise<Register>;
}

/**
 * Every top-level command, in the order `credyt --help` lists them: the one table both
 * trees are built from. Each summary is read from top-summaries.ts, where the command's
 * own registration reads it too. The imports are dynamic so that a run loads only the
 * modules it needs (and the start-up bundle splits each into a chunk of its own).
 */
export const TOP_LEVEL: readonly TopLevel[] = [
  { names: ['assets'], load: async () => (await import('./commands/assets/index.js')).registerAssets },
  { names: ['rates'], load: async () => (await import('./commands/rates/index.js')).registerRates },
  { names: ['customers'], load: async () => (await import('./commands/customers/index.js')).registerCustomers },
  { names: ['subscriptions'], load: async () => (await import('./commands/subscriptions/index.js')).registerSubscriptions },
  { names: ['top-up'], load: async () => (await import('./commands/top-up/index.js')).registerTopUp },
  { names: ['top-ups'], load: async () => (await import('./commands/top-ups/index.js')).registerTopUps },
  { names: ['portal'], load: async () => (await import('./commands/portal/index.js')).registerPortal },
  { names: ['adjust'], load: async () => (await import('./commands/adjust/index.js')).registerAdjust },
  { names: ['adjustments'], load: async () => (await import('./commands/adjustments/index.js')).registerAdjustments },
  { names: ['wallet'], load: async () => (await import('./commands/wallet/index.js')).registerWallet },
  { names: ['holds'], load: async () => (await import('./commands/holds/index.js')).registerHolds },
  { names: ['products'], load: async () => (await import('./commands/products/index.js')).registerProducts },
  { names: ['usage'], load: async () => (await import('./commands/usage/index.js')).registerUsage },
  { names: ['events'], load: async () => (await import('./commands/events/index.js')).registerEvents },
  { names: ['webhooks'], load: async () => (await import('./commands/webhooks/index.js')).registerWebhooks },
  { names: ['listen'], load: async () => (await import('./commands/listen/index.js')).registerListen },
  { names: ['trigger'], load: async () => (await import('./commands/trigger/index.js')).registerTrigger },
  { names: ['vendors'], load: async () => (await import('./commands/vendors/index.js')).registerVendors },
  { names: ['accounts'], load: async () => (await import('./commands/accounts/index.js')).registerAccounts },
  { names: ['pricing'], load: async () => (await import('./commands/pricing/index.js')).registerPricing },
  {
    names: ['login', 'logout', 'profiles', 'whoami'],
    load: async () => (await import('./commands/profiles/index.js')).registerProfileCommands,
  },
  { names: ['auth'], load: async () => (await import('./commands/auth/index.js')).registerAuth },
  { names: ['api'], load: async () => (await import('./commands/api/index.js')).registerApi },
  { names: ['local'], load: async () => (await import('./commands/local/index.js')).registerLocal },
  { names: ['demo'], load: async () => (await import('./commands/demo/index.js')).registerDemo },
  { names: ['completion', '__complete'], load: async () => (await import('./commands/completion/index.js')).registerCompletion },
  { names: ['help'], load: async () => (await import('./commands/help/index.js')).registerHelp },
];

/** Registered by their module but left out of help and of completion. */
export const HIDDEN: ReadonlySet<TopName> = new Set(['__complete']);

/** These walk the whole tree (completion scripts, completing a command path). */
const WHOLE_TREE = new Set(['completion', '__complete']);

/**
 * Builds the tree from TOP_LEVEL: the entries in `full` are registered by their module,
 * the others are a name and a summary, which is all `credyt --help` shows of them.
 */
async function buildTree(ctx: Context, runArgv: RunArgv, full: readonly TopLevel[], version: boolean): Promise<Command> {
  const registers = new Map(await Promise.all(full.map(async (entry) => [entry, await entry.load()] as const)));
  const program = programShell(ctx, { version });
  for (const entry of TOP_LEVEL) {
    const register = registers.get(entry);
    if (register) {
      register(program, ctx, runArgv);
      continue;
    }
    for (const name of entry.names) {
      program
        .command(name, { hidden: HIDDEN.has(name) })
        .summary(TOP_SUMMARIES[name])
        .action(() => {
          throw new Error(`internal: \`${name}\` ran without being loaded`);
        });
    }
  }
  return finishProgram(program);
}

/**
 * The tree one run needs: every top-level command, but only those named in argv (any
 * word of it: a flag's value costs a module load, never a wrong parse) are registered in
 * full. So `--help` loads no command module, and `wallet get` the wallet verbs only.
 */
export async function programFor(ctx: Context, argv: readonly string[], runArgv: RunArgv): Promise<Command> {
  const words = new Set(argv);
  const whole = argv.some((word) => WHOLE_TREE.has(word));
  if (whole) return wholeProgram(ctx, runArgv);
  const full = TOP_LEVEL.filter((entry) => entry.names.some((name) => words.has(name)));
  // `-V/--version` is the program's only before any command: after one, `--version` is the
  // command's own flag (products simulate) or unknown.
  const first = firstOperand(argv, () => programShell(ctx));
  const namesCommand = TOP_LEVEL.some((entry) => entry.names.some((name) => name === first));
  return buildTree(ctx, runArgv, full, !namesCommand);
}

/**
 * Every command registered in full (completion scripts, completing a command path, golden
 * tests). It describes the whole tree, so it keeps the root's `-V/--version`.
 */
export function wholeProgram(ctx: Context, runArgv: RunArgv): Promise<Command> {
  return buildTree(ctx, runArgv, TOP_LEVEL, true);
}
