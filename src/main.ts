import { CommanderError } from 'commander';
import type { Context } from './context.js';
import { createProgram } from './program.js';
import { reportError } from './report-error.js';
import { ExitCode } from './errors.js';

function wantsDebug(argv: string[], ctx: Context): boolean {
  return argv.includes('--debug') || ctx.env.CREDYT_DEBUG === '1';
}

/** Words of the command path in argv (for "see credyt <cmd> --help"). */
function commandPath(argv: string[]): string {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-') || words.length >= 2) break;
    words.push(arg);
  }
  return words.join(' ');
}

/** Runs one invocation; returns the exit code. Only `bin/` ends the process. */
export async function main(argv: string[], ctx: Context): Promise<number> {
  const program = createProgram(ctx);
  let code: number = ExitCode.Ok;
  try {
    if (argv.length === 0) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv, { from: 'user' });
    }
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) code = ExitCode.Ok;
    else code = reportError(error, ctx, wantsDebug(argv, ctx), commandPath(argv));
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
