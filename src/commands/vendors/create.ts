import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { createVendor } from '../../client/vendors.js';
import { action } from '../verb.js';
import { printVendor } from './print.js';

export interface VendorsCreateOptions {
  name: string;
  externalId?: string;
}

export function registerVendorsCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Create a vendor: a source of cost that usage events name in their costs')
    .requiredOption('--name <name>', 'display name, e.g. OpenAI')
    .option('--external-id <id>', 'your id for it; events and commands may name the vendor by it')
    .addHelpText('after', '\nExamples:\n  credyt vendors create --name OpenAI --external-id openai\n  credyt vendors create --name Google -q')
    .action(action(ctx, runVendorsCreate));
}

export async function runVendorsCreate(rt: Runtime, opts: VendorsCreateOptions): Promise<void> {
  const client = await rt.client();
  const vendor = await createVendor(client, { name: opts.name, ...(opts.externalId !== undefined ? { external_id: opts.externalId } : {}) });
  rt.note(`Created vendor ${vendor.id}`);
  printVendor(rt, vendor);
}
