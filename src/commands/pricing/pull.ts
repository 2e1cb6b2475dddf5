import { UsageError } from '../../errors.js';
import { Option, type Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';

export interface PricingPullOptions {
  format?: 'yaml' | 'json';
}

export function registerPricingPull(parent: Command, ctx: Context): void {
  parent
    .command('pull')
    .summary("Export the profile's assets, rates and products as a pricing file")
    .addOption(new Option('--format <format>', 'yaml (default) or json; -o json also gives json').choices(['yaml', 'json']))
    .addHelpText(
      'after',
      `
Deterministic: sorted by code, one key order, so pulling twice gives the same bytes and a
pulled file plans with no changes. Products are exported at their default version.

Examples:
  credyt pricing pull > credyt.pricing.yaml
  credyt pricing pull --profile prod --json > pricing.json`,
    )
    .action(action(ctx, runPricingPull));
}

export async function runPricingPull(rt: Runtime, opts: PricingPullOptions): Promise<void> {
  const { readLiveState } = await import('../../pricing/live.js');
  const { pulledDocument, pulledText } = await import('../../pricing/pull.js');
  const requested = rt.flags.json ? 'json' : rt.flags.output;
  const format = opts.format ?? (requested === 'json' ? 'json' : 'yaml');
  if (requested !== undefined && requested !== 'json' && requested !== 'yaml') {
    throw new UsageError(`pricing pull writes yaml or json, not ${requested} (-o yaml, -o json or --format).`);
  }
  const client = await rt.client();
  const live = await readLiveState(client);
  rt.io.stdout.write(pulledText(pulledDocument(live), format));
}
