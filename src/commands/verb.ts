import type { Command } from 'commander';
import type { Context } from '../context.js';
import { Runtime } from '../runtime.js';
import { globalsOf } from '../globals.js';
import { UsageError } from '../errors.js';

/** Verbs that only read: a bare `--fields` may run them to list what they print. */
const READ_VERBS = new Set(['list', 'get', 'show', 'account', 'quote', 'whoami', 'status', 'history', 'grants']);

/**
 * Wraps a verb's action: builds the run's Runtime from the global flags and hands it to
 * the verb with its parsed arguments and options. Keeps every verb file free of wiring.
 */
export function action<A extends unknown[], O>(
  ctx: Context,
  run: (rt: Runtime, opts: O, ...args: A) => Promise<void>,
) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received[received.length - 1] as Command;
    const opts = received[received.length - 2] as O;
    const args = received.slice(0, -2) as A;
    const rt = new Runtime(ctx, globalsOf(command), command);
    if (!READ_VERBS.has(command.name()) && rt.flags.fields !== undefined && rt.output.fields === 'list') {
      // Listing the fields of a create or a top-up would mean doing it first.
      throw new UsageError(
        `--fields without names lists fields only for list and get commands; give \`--fields a,b\` to \`${command.name()}\`.`,
      );
    }
    await run(rt, opts, ...args);
  };
}
