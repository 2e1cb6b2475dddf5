import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { customerStats } from '../../client/vendors.js';
import { action } from '../verb.js';
import { printStats } from '../vendors/print.js';
import { statsFlags, statsQuery, type StatsOptions } from '../vendors/stats-flags.js';

export function registerCustomersStats(parent: Command, ctx: Context): void {
  statsFlags(
    parent
      .command('stats')
      .summary("Show a customer's revenue (fees charged), vendor costs and margin")
      .argument('<customer>', 'Credyt id (cust_…) or your external id'),
  )
    .addHelpText(
      'after',
      `
Margin is shown where revenue and cost share a currency. The answer's shape is a local
extension: Credyt has not published one (docs/vendors.md).

Examples:
  credyt customers stats acme
  credyt customers stats acme --from 2026-01-01 --interval month
  credyt customers stats cust_473cr1y0ghbyc3m1yfbwvn3nxx -o json`,
    )
    .action(action(ctx, runCustomersStats));
}

export async function runCustomersStats(rt: Runtime, opts: StatsOptions, ref: string): Promise<void> {
  const client = await rt.client();
  printStats(rt, await customerStats(client, await client.resolveCustomer(ref), statsQuery(opts)));
}
