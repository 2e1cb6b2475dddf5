import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printHold } from './print.js';

export function registerHoldsVoid(parent: Command, ctx: Context): void {
  parent
    .command('void')
    .summary('Release a pending hold without capturing anything (local engine)')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .argument('<hold-id>', 'the hold_id it was created with')
    .addHelpText(
      'after',
      '\nExamples:\n  credyt holds void acme 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11\n  credyt holds void acme 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11 -o json',
    )
    .action(action(ctx, runHoldsVoid));
}

export async function runHoldsVoid(rt: Runtime, _opts: object, ref: string, holdId: string): Promise<void> {
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const hold = await client.voidHold(customerId, holdId);
  rt.note(`Voided hold ${hold.id}`);
  await printHold(rt, client, hold);
}
