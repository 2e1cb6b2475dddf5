import { CommanderError, type Command } from 'commander';
import { commandWords } from './command-words.js';
import type { Context } from './context.js';
import { programFor, wholeProgram } from './program.js';
import { reportError } from './report-error.js';
import { ExitCode } from './errors.js';
import { envFlag } from './io/prompter.js';

function wantsDebug(argv: string[], ctx: Context): boolean {
  return argv.includes('--debug') || envFlag(ctx.env.CREDYT_DEBUG);
}

/**
 * The word a bare `--fields` swallowed, when the parse then failed: `--fields` takes an
 * optional value, so in `customers get --fields acme` the customer became the field list.
 */
function fieldsTookWord(argv: string[]): string | undefined {
  const at = argv.indexOf('--fields');
  const next = at >= 0 ? argv[at + 1] : undefined;
  return next !== undefined && !next.startsWith('-') && !next.includes(',') ? next : undefined;
}

/** Runs one invocation; returns the exit code. Only `bin/` ends the process. */
export async function main(argv: string[], ctx: Context): Promise<number> {
  const program = await programFor(ctx, argv, main);
  let code: number = ExitCode.Ok;
  try {
    if (argv.length === 0) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv, { from: 'user' });
    }
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) code = ExitCode.Ok;
    else {
      code = reportError(error, ctx, wantsDebug(argv, ctx), commandWords(argv, program).join(' '));
      const took = error instanceof CommanderError ? fieldsTookWord(argv) : undefined;
      if (took !== undefined) {
        ctx.io.stderr.write(`(--fields took "${took}" as its value. To list the fields, write --fields= or put --fields last.)\n`);
      }
    }
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

/**
 * Every command registered in full, runnable as a run's own tree is (completion scripts
 * and the golden and tree-walking tests read it).
 */
export function createProgram(ctx: Context): Promise<Command> {
  return wholeProgram(ctx, main);
}
