import { CommanderError, type Command } from 'commander';
import type { Context } from './context.js';
import { programFor } from './program-lazy.js';
import { reportError } from './report-error.js';
import { ExitCode } from './errors.js';
import { envFlag } from './io/prompter.js';

function wantsDebug(argv: string[], ctx: Context): boolean {
  return argv.includes('--debug') || envFlag(ctx.env.CREDYT_DEBUG);
}

/** The subcommands named at the start of argv (for "see credyt <cmd> --help"). */
function commandPath(argv: string[], program: Command): string {
  const words: string[] = [];
  let command = program;
  for (const arg of argv) {
    if (command.commands.length === 0) break;
    // Anything else is a flag or a flag's value (`--profile prod wallet get`).
    const next = command.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) continue;
    words.push(arg);
    command = next;
  }
  return words.join(' ');
}

/** Runs one invocation; returns the exit code. Only `bin/` ends the process. */
export async function main(argv: string[], ctx: Context): Promise<number> {
  const program = await programFor(ctx, argv);
  let code: number = ExitCode.Ok;
  try {
    if (argv.length === 0) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv, { from: 'user' });
    }
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) code = ExitCode.Ok;
    else code = reportError(error, ctx, wantsDebug(argv, ctx), commandPath(argv, program));
  } finally {
    for (const cleanup of ctx.cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        if (code === ExitCode.Ok) code = reportError(error, ctx, wantsDebug(argv, ctx));
      }
    }
  }
  return code;
}
