import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { profileView, whoamiColumns } from '../../render/profiles.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { connectedAccountFields, platformClient } from '../account-selection.js';

export function registerWhoami(program: Command, ctx: Context): void {
  program
    .command('whoami')
    .summary(TOP_SUMMARIES.whoami)
    .description(
      'Show the profile in use, the platform account its key belongs to (GET /accounts/self, asked as the ' +
        'platform), and the connected account the run acts on: its id, its name, and whether --account, ' +
        'CREDYT_ACCOUNT or the profile\'s default selected it.',
    )
    .addHelpText('after', '\nExamples:\n  credyt whoami\n  credyt whoami --profile prod -o json\n  credyt whoami --account acc_4tvras4k598tdb256atm8axemw')
    .action(action(ctx, runWhoami));
}

export async function runWhoami(rt: Runtime): Promise<void> {
  const target = rt.target();
  const profile = rt.profiles().get(target.profile)!;
  const client = await platformClient(rt);
  const account = await client.getSelf();
  const connected = await connectedAccountFields(rt);
  const base = profileView(profile, target.kind === 'embedded' ? target.dbPath : undefined);
  const view = {
    ...base,
    kind: target.kind,
    base_url: target.kind === 'http' ? target.baseUrl : null,
    account_id: account.id,
    account_name: account.name,
    live_mode: account.live_mode,
    ...connected,
  };
  printRecord(rt.output, { columns: whoamiColumns, row: view, json: view, id: (p) => p.name });
}
