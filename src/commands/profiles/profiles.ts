import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { ConfigError } from '../../errors.js';
import { action } from '../verb.js';
import { printRecord, printRecords } from '../../render/records.js';
import { profileColumns, profileView } from '../../render/profiles.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { registerProfilesAccount } from './account.js';

function dbOf(rt: Runtime): string | undefined {
  const target = rt.target();
  return target.kind === 'embedded' ? target.dbPath : undefined;
}

export async function runProfilesList(rt: Runtime): Promise<void> {
  const store = rt.profiles();
  const rows = store.list().map((p) => profileView(p, p.kind === 'embedded' ? dbOf(rt) : undefined));
  printRecords(rt.output, { columns: profileColumns, rows, json: rows, id: (p) => p.name });
}

export async function runProfilesShow(rt: Runtime, _opts: object, name?: string): Promise<void> {
  const store = rt.profiles();
  const wanted = name ?? rt.flags.profile ?? (rt.ctx.env.CREDYT_PROFILE || undefined) ?? store.current();
  const profile = store.get(wanted);
  if (!profile) throw new ConfigError(`No profile named "${wanted}".`, undefined, 'See `credyt profiles list`.');
  const view = profileView(profile, profile.kind === 'embedded' ? dbOf(rt) : undefined);
  printRecord(rt.output, { columns: profileColumns, row: view, json: view, id: (p) => p.name });
}

export async function runProfilesUse(rt: Runtime, _opts: object, name: string): Promise<void> {
  const profile = await rt.profiles().use(name);
  rt.io.stderr.write(`Profile "${profile.name}" is now current.\n`);
}

export async function runProfilesRemove(rt: Runtime, _opts: object, name: string): Promise<void> {
  await rt.profiles().remove(name);
  rt.io.stderr.write(`Removed profile "${name}".\n`);
}

export function registerProfiles(program: Command, ctx: Context): void {
  const profiles = program.command('profiles').summary(TOP_SUMMARIES.profiles);
  profiles
    .command('list')
    .summary('List profiles; * marks the current one')
    .addHelpText('after', '\nExamples:\n  credyt profiles list\n  credyt profiles list -o json')
    .action(action(ctx, runProfilesList));
  profiles
    .command('use')
    .summary('Make a profile current')
    .argument('<name>', 'profile name (local is the embedded engine)')
    .addHelpText('after', '\nExamples:\n  credyt profiles use prod\n  credyt profiles use local')
    .action(action(ctx, runProfilesUse));
  profiles
    .command('show')
    .summary('Show a profile (default: the current one)')
    .argument('[name]', 'profile name')
    .addHelpText('after', '\nExamples:\n  credyt profiles show\n  credyt profiles show prod -o json')
    .action(action(ctx, runProfilesShow));
  profiles
    .command('remove')
    .summary('Delete a stored profile and its key')
    .argument('<name>', 'profile name')
    .addHelpText('after', '\nExamples:\n  credyt profiles remove staging\n  credyt profiles list -q | grep -v local | xargs -n1 credyt profiles remove')
    .action(action(ctx, runProfilesRemove));
  registerProfilesAccount(profiles, ctx);
}
