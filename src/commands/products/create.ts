import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { versionRefColumns } from '../../render/products.js';
import { readProductFile } from './file.js';

export interface ProductsCreateOptions {
  file: string;
  publish?: boolean;
}

export function registerProductsCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Create a product (version 1) from a JSON or YAML file')
    .requiredOption('--file <path>', 'product.json or product.yaml: code, name, prices[, entitlements]; - for stdin')
    .option('--publish', 'publish version 1 at once (default: a draft)')
    .addHelpText(
      'after',
      `
Examples:
  credyt products create --file examples/chat-api.yaml --publish
  credyt products create --file product.json -q
  cat product.json | credyt products create --file - --publish`,
    )
    .action(action(ctx, runProductsCreate));
}

export async function runProductsCreate(rt: Runtime, opts: ProductsCreateOptions): Promise<void> {
  const body = await readProductFile(opts.file, rt.io.stdin);
  const client = await rt.client();
  const created = await client.createProduct(opts.publish ? { ...body, publish: true } : body);
  rt.note(`Created product ${created.code ?? created.id} version ${created.version.toString()} (${created.status})`);
  printRecord(rt.output, { columns: versionRefColumns, row: created, json: created, id: (v) => v.id });
}
