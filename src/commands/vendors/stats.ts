import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { resolveVendor, vendorStats } from '../../client/vendors.js';
import { action } from '../verb.js';
import { printStats } from './print.js';
import { statsFlags, statsQuery, type StatsOptions } from './stats-flags.js';

export function registerVendorsStats(parent: Command, ctx: Context): void {
  statsFlags(
    parent
      .command('stats')
      .summary("Show a vendor's costs per currency, in total or per day or month")
      .argument('<vendor>', 'Credyt id (vnd_…) or your external id'),
  )
    .addHelpText(
      'after',
      `
The answer's shape is a local extension: Credyt has not published one (docs/vendors.md).

Examples:
  credyt vendors stats openai
  credyt vendors stats openai --from 2026-01-01 --to 2026-01-31 --interval day
  credyt vendors stats vnd_4rjb887sb1h4j2m0hdjmh49gdg -o json`,
    )
    .action(action(ctx, runVendorsStats));
}

export async function runVendorsStats(rt: Runtime, opts: StatsOptions, ref: string): Promise<void> {
  const client = await rt.client();
  printStats(rt, await vendorStats(client, await resolveVendor(client, ref), statsQuery(opts)));
}
