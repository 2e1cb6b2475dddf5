import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAssetsCreate } from './create.js';
import { registerAssetsList } from './list.js';
import { registerAssetsGet } from './get.js';
import { registerAssetsQuote } from './quote.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerAssets(program: Command, ctx: Context): void {
  const assets = program.command('assets').summary(TOP_SUMMARIES.assets);
  registerAssetsCreate(assets, ctx);
  registerAssetsList(assets, ctx);
  registerAssetsGet(assets, ctx);
  registerAssetsQuote(assets, ctx);
}
