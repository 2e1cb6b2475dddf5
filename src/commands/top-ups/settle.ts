import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { topUpColumns } from '../../render/top-ups.js';

type Outcome = 'complete' | 'fail';

const SUMMARY: Record<Outcome, string> = {
  complete: 'Complete a payment top-up: pending_in moves to available (local engine)',
  fail: 'Fail a payment top-up: its pending_in is released (local engine)',
};

/** `top-ups complete|fail`: the local engine's stand-in for the payment provider. */
export function registerTopUpsSettle(parent: Command, ctx: Context, outcome: Outcome): void {
  parent
    .command(outcome)
    .summary(SUMMARY[outcome])
    .argument('<id>', 'top-up id (top_…)')
    .addHelpText('after', `\nExamples:\n  credyt top-ups ${outcome} top_01jx7k3m9q2r4s6t8v0w2y4z6d\n  credyt top-ups ${outcome} top_01jx7k3m9q2r4s6t8v0w2y4z6d -q`)
    .action(action(ctx, (rt: Runtime, _opts: object, id: string) => runTopUpsSettle(rt, outcome, id)));
}

export async function runTopUpsSettle(rt: Runtime, outcome: Outcome, id: string): Promise<void> {
  if (!rt.isLocal()) {
    throw new UsageError(
      `top-ups ${outcome} works only on local profiles (the embedded engine or credyt local serve).`,
      'On Credyt the customer completes the payment at the checkout URL; use `credyt top-ups get ID` to follow it.',
    );
  }
  const client = await rt.client();
  const topUp = outcome === 'complete' ? await client.completeTopUp(id) : await client.failTopUp(id);
  rt.note(`Top-up ${topUp.id} is ${topUp.status}`);
  printRecord(rt.output, { columns: topUpColumns, row: topUp, json: topUp, id: (t) => t.id });
}
