import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerProductsCreate } from './create.js';
import { registerProductsList } from './list.js';
import { registerProductsGet } from './get.js';
import { registerProductsVersion } from './version.js';
import { registerProductsPublish } from './publish.js';
import { registerProductsSimulate } from './simulate.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerProducts(program: Command, ctx: Context): void {
  const products = program.command('products').summary(TOP_SUMMARIES.products);
  registerProductsCreate(products, ctx);
  registerProductsList(products, ctx);
  registerProductsGet(products, ctx);
  registerProductsVersion(products, ctx);
  registerProductsPublish(products, ctx);
  registerProductsSimulate(products, ctx);
}
