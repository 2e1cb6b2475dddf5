import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { action } from '../verb.js';
import { positiveDecimalArg } from '../parse.js';
import { printHold } from './print.js';

export function registerHoldsCapture(parent: Command, ctx: Context): void {
  parent
    .command('capture')
    .summary('Settle a pending hold: all of it, or AMOUNT with the rest released (local engine)')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .argument('<hold-id>', 'the hold_id it was created with')
    .argument('[amount]', 'amount to capture (default: the whole hold)', positiveDecimalArg)
    .addHelpText(
      'after',
      `
A hold resolves once: capturing or voiding it again, or after it expired, exits 5 (409).

Examples:
  credyt holds capture acme 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11
  credyt holds capture acme 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11 12.50`,
    )
    .action(action(ctx, runHoldsCapture));
}

export async function runHoldsCapture(rt: Runtime, _opts: object, ref: string, holdId: string, amount?: Decimal): Promise<void> {
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const hold = await client.captureHold(customerId, holdId, amount);
  rt.note(`Captured ${hold.captured_amount?.toString() ?? ''} ${hold.asset} of hold ${hold.id}`);
  await printHold(rt, client, hold);
}
