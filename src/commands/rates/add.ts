import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { isoTimeArg, positiveDecimalArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';
import { answeredRecord } from '../answered.js';

export interface RatesAddOptions {
  source: string;
  rate?: Decimal;
  inverseRate?: Decimal;
  effectiveAt?: string;
}

export function registerRatesAdd(parent: Command, ctx: Context): void {
  parent
    .command('add')
    .summary('Add an exchange rate now or schedule one for later (local engine)')
    .description('Add an exchange rate for an asset. Rates are never edited: a newer rate replaces the active one from its effective time. A local extension (local engine): Credyt has not published this path.')
    .argument('<code>', 'asset code, e.g. TOK')
    .requiredOption('--source <currency>', 'fiat currency the rate is in, e.g. USD')
    .option('--rate <price>', 'price of one unit in the source currency', positiveDecimalArg)
    .option('--inverse-rate <units>', 'units one unit of the source currency buys', positiveDecimalArg)
    .option('--effective-at <iso>', 'when the rate takes effect, in the future (default now)', isoTimeArg)
    .addHelpText(
      'after',
      `
Examples:
  credyt rates add TOK --source USD --rate 0.00002
  credyt rates add TOK --source EUR --inverse-rate 90000 --effective-at 2027-01-01T00:00:00Z`,
    )
    .action(action(ctx, runRatesAdd));
}

export async function runRatesAdd(rt: Runtime, opts: RatesAddOptions, code: string): Promise<void> {
  if ((opts.rate === undefined) === (opts.inverseRate === undefined)) {
    throw new UsageError('Give exactly one of --rate or --inverse-rate.');
  }
  // The API moves a past effective_at to now (history is never rewritten): a back-dated
  // rate would silently apply from now, not from when the user said.
  if (opts.effectiveAt && new Date(opts.effectiveAt) < rt.ctx.now()) {
    throw new UsageError(
      `--effective-at ${opts.effectiveAt} is in the past: rates are never back-dated.`,
      'Leave --effective-at out to add the rate now, or give a future time to schedule it.',
    );
  }
  const client = await rt.client();
  const asset = await client.addRate(code, {
    source: opts.source.toUpperCase(),
    rate: opts.rate,
    inverse_rate: opts.inverseRate,
    effective_at: opts.effectiveAt,
  });
  if (!answeredRecord(rt, asset, `the asset; the rate was added (see \`credyt rates list ${code}\`)`)) return;
  rt.note(opts.effectiveAt ? `Scheduled a ${opts.source.toUpperCase()} rate for ${code}` : `Added a ${opts.source.toUpperCase()} rate to ${code}`);
  printRecord(rt.output, { columns: assetColumns, row: asset, json: asset, id: (a) => a.code });
}
