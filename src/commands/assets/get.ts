import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { assetColumns } from '../../render/assets.js';

export function registerAssetsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show one asset with its active and scheduled rates')
    .argument('<code>', 'asset code, e.g. TOK')
    .addHelpText('after', '\nExamples:\n  credyt assets get TOK\n  credyt assets get TOK -o json')
    .action(action(ctx, runAssetsGet));
}

export async function runAssetsGet(rt: Runtime, _opts: object, code: string): Promise<void> {
  const client = await rt.client();
  const asset = await client.getAsset(code);
  printRecord(rt.output, { columns: assetColumns, row: asset, json: asset, id: (a) => a.code });
}
