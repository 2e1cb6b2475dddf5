import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printListing } from '../../render/records.js';
import { rateColumns } from '../../render/assets.js';
import { withRateStatus } from '../../render/rate-status.js';
import { fetchList, pageFlags, type PageOptions } from '../paging.js';

export function registerRatesList(parent: Command, ctx: Context): void {
  pageFlags(
    parent
      .command('list')
      .summary('Show the rate history of an asset: active, scheduled, superseded (local engine)')
      .argument('<code>', 'asset code, e.g. TOK')
      .addHelpText('after', '\nExamples:\n  credyt rates list TOK\n  credyt rates list TOK --all -o csv\n  credyt rates list TOK --fields source,rate,status'),
  ).action(action(ctx, runRatesList));
}

export async function runRatesList(rt: Runtime, opts: PageOptions, code: string): Promise<void> {
  const client = await rt.client();
  const list = await fetchList(rt, opts, (page) => client.listRates(code, page));
  const rows = withRateStatus(list.items, rt.ctx.now());
  printListing(rt.output, { ...list, items: rows }, { columns: rateColumns(), id: (r) => r.source, noun: 'rates' });
}
