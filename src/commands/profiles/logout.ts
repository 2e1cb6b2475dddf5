import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { ConfigError } from '../../errors.js';
import { action } from '../verb.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerLogout(program: Command, ctx: Context): void {
  program
    .command('logout')
    .summary(TOP_SUMMARIES.logout)
    .addHelpText('after', '\nExamples:\n  credyt logout\n  credyt logout --profile prod')
    .action(action(ctx, runLogout));
}

export async function runLogout(rt: Runtime): Promise<void> {
  const store = rt.profiles();
  const name = rt.flags.profile ?? (rt.ctx.env.CREDYT_PROFILE || undefined) ?? store.current();
  const profile = store.get(name);
  if (!profile) throw new ConfigError(`No profile named "${name}".`);
  if (profile.kind === 'embedded' || !profile.base_url) {
    throw new ConfigError(`The profile "${name}" is the embedded engine; it has no key to forget.`);
  }
  await store.save(name, { base_url: profile.base_url });
  rt.io.stderr.write(`Forgot the API key of profile "${name}".\n`);
}
