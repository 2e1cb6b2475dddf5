import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import type { RateInput } from '../../client/types.js';
import { currencyValueArg, integerArg, type CurrencyValue } from '../parse.js';
import { action } from '../verb.js';
import { assetCode, required, wholeNumber } from '../ask.js';
import { printRecord } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';
import { answeredRecord } from '../answered.js';

export interface AssetsCreateOptions {
  code?: string;
  name?: string;
  label?: string;
  symbol?: string;
  precision?: number;
  rate?: CurrencyValue[];
  inverseRate?: CurrencyValue[];
}

/** Both flags give one rate per currency; a currency named twice is ambiguous. */
export function rateInputs(rates: CurrencyValue[] = [], inverse: CurrencyValue[] = []): RateInput[] {
  const seen = new Set<string>();
  const result: RateInput[] = [];
  for (const [list, key] of [[rates, 'rate'], [inverse, 'inverse_rate']] as const) {
    for (const { currency, value } of list) {
      if (seen.has(currency)) {
        throw new UsageError(`${currency} is given more than once across --rate and --inverse-rate; give one rate per currency.`);
      }
      seen.add(currency);
      result.push({ source: currency, [key]: value });
    }
  }
  return result;
}

export function registerAssetsCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Define a custom asset with its exchange rates')
    .description('Define a custom asset (tokens, credits, GPU hours…) and the fiat exchange rates customers buy it at.')
    .option('--code <code>', 'asset code, e.g. TOK (letters, digits, _ and -); asked for when missing')
    .option('--name <name>', 'customer-facing name; asked for when missing')
    .option('--label <label>', 'short display label, e.g. tok')
    .option('--symbol <symbol>', 'optional symbol, emoji allowed')
    .option('--precision <digits>', 'decimal places allowed, 0–18; asked for when missing', integerArg(0, 18))
    .option('--rate <CUR=PRICE>', 'price of one unit in a fiat currency, e.g. USD=0.00001 (repeatable)', currencyValueArg)
    .option('--inverse-rate <CUR=UNITS>', 'units one fiat unit buys, e.g. USD=100000 (repeatable)', currencyValueArg)
    .addHelpText(
      'after',
      `
Examples:
  credyt assets create --code TOK --name Tokens --label tok --precision 0 --rate USD=0.00001
  credyt assets create --code GEMS --name "Studio Gems" --symbol 💎 --precision 0 --inverse-rate USD=20 --inverse-rate EUR=22
  credyt assets create --rate USD=0.00001   # at a terminal: asks for code, name and precision`,
    )
    .action(action(ctx, runAssetsCreate));
}

export async function runAssetsCreate(rt: Runtime, opts: AssetsCreateOptions): Promise<void> {
  const rates = rateInputs(opts.rate, opts.inverseRate);
  rt.mustHave([
    [opts.code, '--code <code>'],
    [opts.name, '--name <name>'],
    [opts.precision, '--precision <digits>'],
  ]);
  const code = await rt.ask(opts.code, { flag: '--code <code>', message: 'Asset code (e.g. TOK)', validate: assetCode });
  const name = await rt.ask(opts.name, { flag: '--name <name>', message: 'Name customers see', validate: required });
  const precision =
    opts.precision ??
    Number(
      await rt.ask(undefined, {
        flag: '--precision <digits>',
        message: 'Decimal places (0–18)',
        default: '0',
        validate: wholeNumber(0, 18),
      }),
    );
  const client = await rt.client();
  const asset = await client.createAsset({
    code,
    name,
    label: opts.label,
    symbol: opts.symbol,
    precision,
    rates,
  });
  if (!answeredRecord(rt, asset, `the asset; ${code} was created (see \`credyt assets get ${code}\`)`)) return;
  rt.note(`Created asset ${asset.code}`);
  printRecord(rt.output, { columns: assetColumns, row: asset, json: asset, id: (a) => a.code });
}
