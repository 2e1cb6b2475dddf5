import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { action } from '../verb.js';
import { positiveDecimalArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { quoteColumns } from '../../render/assets.js';
import { tablePrecisions } from '../asset-precisions.js';
import { requireRecord } from '../answered.js';

export interface AssetsQuoteOptions {
  amount: Decimal;
  source: string;
}

export function registerAssetsQuote(parent: Command, ctx: Context): void {
  parent
    .command('quote')
    .summary('Show how many units a fiat amount buys at the active rate')
    .argument('<code>', 'asset code, e.g. TOK')
    .requiredOption('--amount <amount>', 'fiat amount, e.g. 10', positiveDecimalArg)
    .requiredOption('--source <currency>', 'fiat currency, e.g. USD')
    .addHelpText('after', '\nExamples:\n  credyt assets quote TOK --amount 10 --source USD\n  credyt assets quote TOK --amount 10 --source USD -o json')
    .action(action(ctx, runAssetsQuote));
}

export async function runAssetsQuote(rt: Runtime, opts: AssetsQuoteOptions, code: string): Promise<void> {
  const client = await rt.client();
  const quote = requireRecord(await client.quote(code, { source: opts.source.toUpperCase(), amount: opts.amount }), 'quote');
  const precision = await tablePrecisions(rt.output, client, [quote.asset]);
  printRecord(rt.output, { columns: quoteColumns(precision(quote.asset)), row: quote, json: quote, id: (q) => q.asset });
}
