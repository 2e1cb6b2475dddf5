import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerProductsCreate } from './create.js';
import { registerProductsList } from './list.js';
import { registerProductsGet } from './get.js';
import { registerProductsVersion } from './version.js';
import { registerProductsPublish } from './publish.js';
import { registerProductsSimulate } from './simulate.js';

export function registerProducts(program: Command, ctx: Context): void {
  const products = program.command('products').summary('Define versioned products and their prices; simulate usage');
  registerProductsCreate(products, ctx);
  registerProductsList(products, ctx);
  registerProductsGet(products, ctx);
  registerProductsVersion(products, ctx);
  registerProductsPublish(products, ctx);
  registerProductsSimulate(products, ctx);
}
