import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';
import { pageFlags, type PageOptions } from '../paging.js';

export function registerAssetsList(parent: Command, ctx: Context, run = runAssetsList): void {
  pageFlags(
    parent
      .command('list')
      .summary('List custom assets')
      .addHelpText('after', '\nExamples:\n  credyt assets list\n  credyt assets list -o json'),
  ).action(action(ctx, run));
}

export async function runAssetsList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const page = await client.listAssets({ limit: opts.limit, offset: opts.offset });
  printRecords(rt.output, { columns: assetColumns, rows: page.items, json: page, id: (a) => a.code });
}
