import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecords } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export function registerAssetsList(parent: Command, ctx: Context, run = runAssetsList): void {
  pageFlags(
    parent
      .command('list')
      .summary('List custom assets')
      .addHelpText('after', '\nExamples:\n  credyt assets list\n  credyt assets list --all -o json\n  credyt assets list --fields code,precision,rates -o csv'),
  ).action(action(ctx, run));
}

export async function runAssetsList(rt: Runtime, opts: PageOptions): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => client.listAssets(page));
  printRecords(rt.output, { columns: assetColumns, rows: list.items, json: list.json, id: (a) => a.code, total: list.total, offset: list.offset, noun: 'assets' });
}
