import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { versionRefColumns } from '../../render/products.js';
import { readProductFile } from './file.js';

export interface ProductsVersionOptions {
  file: string;
  publish?: boolean;
}

export function registerProductsVersion(parent: Command, ctx: Context): void {
  parent
    .command('version')
    .summary('Add a new version of a product from a file (existing subscribers keep theirs)')
    .argument('<product>', 'product id (prp_…) or code')
    .requiredOption('--file <path>', 'the version: name, prices[, entitlements] (JSON or YAML; - for stdin)')
    .option('--publish', 'publish the new version at once (it does not become default)')
    .addHelpText(
      'after',
      `
Examples:
  credyt products version chat_api --file chat-api-v2.yaml
  credyt products version chat_api --file chat-api-v2.yaml --publish && credyt products publish chat_api 2 --default`,
    )
    .action(action(ctx, runProductsVersion));
}

export async function runProductsVersion(rt: Runtime, opts: ProductsVersionOptions, ref: string): Promise<void> {
  const body = await readProductFile(opts.file, rt.io.stdin);
  const client = await rt.client();
  const id = await client.resolveProduct(ref);
  const { code: _code, ...version } = body;
  const created = await client.createProductVersion(id, opts.publish ? { ...version, publish: true } : version);
  rt.note(`Created version ${created.version.toString()} of ${ref} (${created.status})`);
  printRecord(rt.output, { columns: versionRefColumns, row: created, json: created, id: (v) => v.id });
}
