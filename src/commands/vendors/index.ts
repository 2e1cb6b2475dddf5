import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { registerVendorsCreate } from './create.js';
import { registerVendorsGet } from './get.js';
import { registerVendorsList } from './list.js';
import { registerVendorsStats } from './stats.js';

export function registerVendors(program: Command, ctx: Context): void {
  const vendors = program.command('vendors').summary(TOP_SUMMARIES.vendors);
  registerVendorsCreate(vendors, ctx);
  registerVendorsList(vendors, ctx);
  registerVendorsGet(vendors, ctx);
  registerVendorsStats(vendors, ctx);
}
