import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerCustomersCreate } from './create.js';
import { registerCustomersList } from './list.js';
import { registerCustomersGet } from './get.js';
import { registerCustomersSubscribe } from './subscribe.js';
import { registerCustomersStats } from './stats.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerCustomers(program: Command, ctx: Context): void {
  const customers = program.command('customers').summary(TOP_SUMMARIES.customers);
  registerCustomersCreate(customers, ctx);
  registerCustomersList(customers, ctx);
  registerCustomersGet(customers, ctx);
  registerCustomersSubscribe(customers, ctx);
  registerCustomersStats(customers, ctx);
}
