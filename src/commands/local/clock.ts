import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { LocalClockMove } from '../../client/catalog-types.js';
import type { Runtime } from '../../runtime.js';
import { printRecord } from '../../render/records.js';
import { clockColumns, clockMoveColumns, processedText } from '../../render/subscriptions.js';
import { isoTimeArg } from '../parse.js';
import { action } from '../verb.js';
import { clockDurationArg } from './clock-duration.js';

const ABOUT =
  "The local engine's clock lives in its database, so `credyt local serve` and the embedded profile agree. " +
  'Moving it forward processes everything that falls due on the way, in time order and exactly once: ' +
  'subscription renewals (fees and entitlement refreshes), grant expiries and top-up expiries. It never ' +
  'moves back. Connected accounts run on the platform\'s clock: it moves the same with or without --account, and ' +
  'processes what falls due in every account. A local extension (GET/POST /local/clock…), like Stripe\'s test clocks.';

/** `credyt local clock [advance|set|reset]`: show and move the engine's clock. */
export function registerLocalClock(parent: Command, ctx: Context): void {
  const clock = parent
    .command('clock')
    .summary("Show the engine's clock; advance it to test renewals and expiries (local engine)")
    .description(ABOUT)
    .addHelpText(
      'after',
      `
Examples:
  credyt local clock
  credyt local clock advance 31d
  credyt local clock advance 1mo -o json
  credyt local clock set 2027-01-01T00:00:00Z
  credyt local clock reset
  credyt local clock --db ./dev.db        # the clock of a file local serve runs on`,
    )
    .action(action(ctx, runLocalClock));

  clock
    .command('advance')
    .summary('Move the clock forward and process what falls due (local engine)')
    .description(
      'Move the clock forward by DURATION and process everything due on the way, in time order. DURATION is ' +
        'shorthand (31d, 2w, 1mo, 12h, 90min, 30s, 1y, combined largest first: 1d12h) or ISO-8601 (P1M, P31D, PT5H); ' +
        'the CLI sends ISO-8601. A month is a calendar month (docs/subscriptions.md). A local extension.',
    )
    .argument('<duration>', 'how far: 31d, 2w, 1mo, 12h, or ISO-8601 such as P1M', clockDurationArg)
    .addHelpText('after', '\nExamples:\n  credyt local clock advance 31d\n  credyt local clock advance 12mo -o json\n  credyt local clock advance PT5H')
    .action(action(ctx, (rt: Runtime, _opts: object, duration: string) => runClockMove(rt, 'advance', duration)));

  clock
    .command('set')
    .summary('Move the clock forward to a given time (local engine)')
    .description('Move the clock forward to TIME and process everything due on the way; a time before the clock is refused. A local extension.')
    .argument('<time>', 'ISO-8601 time with a zone, e.g. 2027-01-01T00:00:00Z', isoTimeArg)
    .addHelpText('after', '\nExamples:\n  credyt local clock set 2027-01-01T00:00:00Z\n  credyt local clock set 2027-06-30T12:00:00+02:00 -o json')
    .action(action(ctx, (rt: Runtime, _opts: object, to: string) => runClockMove(rt, 'set', to)));

  clock
    .command('reset')
    .summary('Put the clock back to wall time (local engine)')
    .description(
      'Put the clock back to wall time. Refused while anything is dated after wall time (a renewal, an expiry, ' +
        'an event): the engine names it. A local extension.',
    )
    .addHelpText('after', '\nExamples:\n  credyt local clock reset\n  credyt local clock reset -o json')
    .action(action(ctx, (rt: Runtime) => runClockMove(rt, 'reset')));
}

export async function runLocalClock(rt: Runtime): Promise<void> {
  const client = await rt.client();
  const clock = await client.getClock();
  printRecord(rt.output, { columns: clockColumns, row: clock, json: clock, id: (c) => c.now });
}

export async function runClockMove(rt: Runtime, move: 'advance' | 'set' | 'reset', value?: string): Promise<void> {
  const client = await rt.client();
  let answer: LocalClockMove;
  if (move === 'advance') answer = await client.advanceClock(value as string);
  else if (move === 'set') answer = await client.setClock(value as string);
  else answer = await client.resetClock();
  rt.note(`Clock now ${answer.now}; processed: ${processedText(answer)}`);
  printRecord(rt.output, { columns: clockMoveColumns, row: answer, json: answer, id: (c) => c.now });
}
