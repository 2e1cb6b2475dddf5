import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { profileView, whoamiColumns } from '../../render/profiles.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerWhoami(program: Command, ctx: Context): void {
  program
    .command('whoami')
    .summary(TOP_SUMMARIES.whoami)
    .addHelpText('after', '\nExamples:\n  credyt whoami\n  credyt whoami --profile prod -o json')
    .action(action(ctx, runWhoami));
}

export async function runWhoami(rt: Runtime): Promise<void> {
  const target = rt.target();
  const profile = rt.profiles().get(target.profile)!;
  const client = await rt.client();
  const account = await client.getSelf();
  const base = profileView(profile, target.kind === 'embedded' ? target.dbPath : undefined);
  const view = {
    ...base,
    kind: target.kind,
    base_url: target.kind === 'http' ? target.baseUrl : null,
    account_id: account.id,
    account_name: account.name,
    live_mode: account.live_mode,
  };
  printRecord(rt.output, { columns: whoamiColumns, row: view, json: view, id: (p) => p.name });
}
