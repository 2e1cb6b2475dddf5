import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../../errors.js';
import { ACCOUNT_ID_SHAPE, isAccountId } from '../../config/account-id.js';
import { action } from '../verb.js';
import { printRecord } from '../../render/records.js';
import { profileColumns, profileView } from '../../render/profiles.js';

export interface ProfilesAccountOptions {
  unset?: boolean;
}

export function registerProfilesAccount(profiles: Command, ctx: Context): void {
  profiles
    .command('account')
    .summary("Set or clear a profile's default connected account")
    .description(
      "Set or clear a stored profile's default connected account: the `account` key of its entry in the " +
        'config file, sent as X-CREDYT-ACCOUNT on every request made with the profile. --account and ' +
        'CREDYT_ACCOUNT win over it. Only the shape of the id is checked here (`credyt login --account` ' +
        'also asks the server). The built-in local profile keeps no settings.',
    )
    .argument('<name>', 'stored profile name')
    .argument('[account]', `connected account id (${ACCOUNT_ID_SHAPE})`, accountIdArg)
    .option('--unset', 'clear the default: the profile acts as the platform again')
    .addHelpText('after', '\nExamples:\n  credyt profiles account prod acc_4tvras4k598tdb256atm8axemw\n  credyt profiles account prod --unset')
    .action(action(ctx, runProfilesAccount));
}

function accountIdArg(value: string): string {
  if (isAccountId(value)) return value;
  throw new InvalidArgumentError(`"${value}" is not a connected account id (${ACCOUNT_ID_SHAPE}).`);
}

export async function runProfilesAccount(rt: Runtime, opts: ProfilesAccountOptions, name: string, account?: string): Promise<void> {
  if ((account === undefined) === !opts.unset) {
    throw new UsageError(account === undefined ? 'Give an account id, or --unset to clear the default.' : 'Give an account id or --unset, not both.');
  }
  const profile = await rt.profiles().setAccount(name, account);
  rt.note(account ? `Profile "${name}" now acts on ${account}.` : `Profile "${name}" acts as the platform again.`);
  const view = profileView(profile);
  printRecord(rt.output, { columns: profileColumns, row: view, json: view, id: (p) => p.name });
}
