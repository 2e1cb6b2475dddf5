import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerCustomersCreate } from './create.js';
import { registerCustomersList } from './list.js';
import { registerCustomersGet } from './get.js';
import { registerCustomersSubscribe } from './subscribe.js';

export function registerCustomers(program: Command, ctx: Context): void {
  const customers = program.command('customers').summary('Create, list and show customers');
  registerCustomersCreate(customers, ctx);
  registerCustomersList(customers, ctx);
  registerCustomersGet(customers, ctx);
  registerCustomersSubscribe(customers, ctx);
}
