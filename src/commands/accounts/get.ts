import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { resolveAccount } from '../../client/accounts.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { accountColumns } from '../../render/accounts.js';

export function registerAccountsGet(parent: Command, ctx: Context): void {
  parent
    .command('get')
    .summary('Show one connected account')
    .argument('<account>', 'connected account id (acc_…) or your external id')
    .addHelpText('after', '\nExamples:\n  credyt accounts get bingo\n  credyt accounts get acc_4tvras4k598tdb256atm8axemw -o json')
    .action(action(ctx, runAccountsGet));
}

export async function runAccountsGet(rt: Runtime, _opts: object, ref: string): Promise<void> {
  const account = await resolveAccount(await rt.client(), ref);
  printRecord(rt.output, { columns: accountColumns, row: account, json: account, id: (a) => a.id });
}
