import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerRatesAdd } from './add.js';
import { registerRatesList } from './list.js';

export function registerRates(program: Command, ctx: Context): void {
  const rates = program.command('rates').summary('Add, schedule and list exchange rates of an asset');
  registerRatesAdd(rates, ctx);
  registerRatesList(rates, ctx);
}
