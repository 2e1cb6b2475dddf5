import { Command } from 'commander';
import type { Context } from './context.js';
import { addGlobalFlags } from './globals.js';
import { HELP_TOPICS } from './commands/help/topics.js';

/**
 * Runs one more invocation in this process (`main`): handed down to the commands that run
 * others (demo), so that no command imports main, which imports the command tree.
 */
export type RunArgv = (argv: string[], ctx: Context) => Promise<number>;

/** Subcommand help lists the command's own flags; this line points at the global ones. */
const GLOBAL_FLAGS_HINT = `
Global flags: -p/--profile, --account, -o/--output, --json, -q, --fields,
--limit, --all, --no-input, -y/--yes, --debug and more (see \`credyt --help\`).`;

/**
 * The root command with the global flags and help, before any subcommand is added.
 * `version: false` leaves out `-V/--version`: commander would take the flag from anywhere
 * in argv, so `products simulate X --version 2` printed the program's version and exited 0.
 * A run that names a command builds its tree without it (programFor in program.ts).
 */
export function programShell(ctx: Context, { version = true }: { version?: boolean } = {}): Command {
  const program = new Command('credyt');
  program.description('Admin CLI for Credyt wallet-native billing, with an embedded Credyt-compatible engine');
  if (version) program.version(ctx.version, '-V, --version');
  program
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
  return program;
}

/** Every subcommand inherits the run's output and error handling. */
export function finishProgram(program: Command): Command {
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    command.addHelpText('after', GLOBAL_FLAGS_HINT);
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}
