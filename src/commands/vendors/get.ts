import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { getVendor, resolveVendor } from '../../client/vendors.js';
import { action } from '../verb.js';
import { printVendor } from './print.js';

export function registerVendorsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show one vendor')
    .argument('<vendor>', 'Credyt id (vnd_…) or your external id')
    .addHelpText('after', '\nExamples:\n  credyt vendors get openai\n  credyt vendors get vnd_4rjb887sb1h4j2m0hdjmh49gdg -o json')
    .action(action(ctx, runVendorsGet));
}

export async function runVendorsGet(rt: Runtime, _opts: object, ref: string): Promise<void> {
  const client = await rt.client();
  printVendor(rt, await getVendor(client, await resolveVendor(client, ref)));
}
