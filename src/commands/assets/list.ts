import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export function registerAssetsList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('List custom assets')
      .addHelpText('after', '\nExamples:\n  credyt assets list\n  credyt assets list --all -o json\n  credyt assets list --fields code,precision,rates -o csv'),
  ).action(action(ctx, runAssetsList));
}

export async function runAssetsList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => client.listAssets(page));
  printListing(rt.output, list, { columns: assetColumns, id: (a) => a.code, noun: 'assets' });
}
