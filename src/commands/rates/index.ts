import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerRatesAdd } from './add.js';
import { registerRatesList } from './list.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerRates(program: Command, ctx: Context): void {
  const rates = program.command('rates').summary(TOP_SUMMARIES.rates);
  registerRatesAdd(rates, ctx);
  registerRatesList(rates, ctx);
}
