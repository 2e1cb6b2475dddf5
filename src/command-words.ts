import type { Command, Option } from 'commander';

function findOption(commands: Command[], flag: string): Option | undefined {
  for (const command of commands) {
    const option = command.options.find((o) => o.long === flag || o.short === flag);
    if (option) return option;
  }
  return undefined;
}

/** How many words the flag at argv[i] takes with it (0 or 1), as commander parses it. */
function valueWords(argv: readonly string[], i: number, commands: Command[]): number {
  const arg = argv[i]!;
  if (arg.includes('=')) return 0;
  const option = findOption(commands, arg);
  const next = argv[i + 1];
  // A required value is always the next word; an optional one only when it is no flag.
  return option?.required || (option?.optional && next !== undefined && !next.startsWith('-')) ? 1 : 0;
}

const isFlag = (arg: string) => arg.startsWith('-') && arg.length > 1;

/**
 * The first word of argv that is neither a flag of the command nor a flag's value. The
 * command is asked for only when argv has a word that is no flag: `credyt --help` builds
 * no second root.
 */
export function firstOperand(argv: readonly string[], command: () => Command): string | undefined {
  if (argv.every(isFlag)) return undefined;
  const commands = [command()];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return argv[i + 1];
    if (!isFlag(arg)) return arg;
    i += valueWords(argv, i, commands);
  }
  return undefined;
}

/**
 * The subcommand names argv selects, in order (`wallet get`), skipping every flag and the
 * value a flag takes, as commander parses them: `-p local wallet get` is `wallet get`, not
 * `local`. Used for "Run `credyt wallet get --help`" hints and to tell whether a run names
 * a command at all.
 */
export function commandWords(argv: readonly string[], program: Command): string[] {
  const words: string[] = [];
  // The current command first: its own flags shadow its parents'.
  const chain = [program];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (isFlag(arg)) {
      i += valueWords(argv, i, chain);
      continue;
    }
    const current = chain[0]!;
    if (current.commands.length === 0) break;
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    // An operand that is no subcommand ends the path (`top-up acme 5 USD`).
    if (!next) break;
    words.push(arg);
    chain.unshift(next);
  }
  return words;
}
