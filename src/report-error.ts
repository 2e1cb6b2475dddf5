import { CommanderError } from 'commander';
import { CredytError, ExitCode, ExitStatus, UsageError } from './errors.js';
import type { Context } from './context.js';

/** Turns any thrown value into one clear line on stderr and the documented exit code. */
export function reportError(error: unknown, ctx: Context, debug: boolean, commandPath = ''): number {
  // chalk's red, written out: loading chalk for one word would cost every run at start.
  const red = (text: string) => (ctx.io.stderrColor > 0 ? `\u001b[31m${text}\u001b[39m` : text);
  const write = (line: string) => ctx.io.stderr.write(line + '\n');

  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return ExitCode.Ok;
    // commander already printed "error: …" through configureOutput; add where to look.
    write(`Run \`credyt${commandPath ? ' ' + commandPath : ''} --help\` for usage.`);
    return ExitCode.Usage;
  }
  if (error instanceof ExitStatus) {
    write(error.message);
    return error.exitCode;
  }
  if (error instanceof CredytError) {
    write(`${red('Error:')} ${error.message}`);
    if (error.hint) write(error.hint);
    if (error instanceof UsageError && !error.hint) {
      write(`Run \`credyt${commandPath ? ' ' + commandPath : ''} --help\` for usage.`);
    }
    if (debug && error.stack) write(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`${red('Error:')} unexpected: ${message}`);
  if (debug && error instanceof Error && error.stack) write(error.stack);
  else write('Run again with --debug for details.');
  return ExitCode.Generic;
}
