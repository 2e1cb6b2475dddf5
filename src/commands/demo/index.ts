import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { RunArgv } from '../../program-shell.js';
import { CredytError, UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { commandLine, DEMO_RESULT, DEMO_STEPS } from './scenario.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

/** `runArgv` runs each step as a command line in this process (main, handed down). */
export function registerDemo(program: Command, ctx: Context, runArgv: RunArgv): void {
  program
    .command('demo')
    .summary(TOP_SUMMARIES.demo)
    .description(
      'Creates the TOK asset (1 TOK = 0.00001 USD), the customer "Acme AI" (external id acme), tops it up ' +
        'with 14.566678 USD and with 9934.50234 USD worth of TOK, then prints the wallet. Needs no account ' +
        'and no network: it runs the real commands on a new embedded database, whose path it prints.',
    )
    .addHelpText('after', '\nExamples:\n  credyt demo\n  credyt demo -o json\n  credyt demo --db ./demo.db && credyt --db ./demo.db wallet get acme')
    .action(action(ctx, (rt: Runtime) => runDemo(rt, runArgv)));
}

/** Output flags of this run, passed on to the final `wallet get`. */
function outputArgs(rt: Runtime): string[] {
  const args: string[] = [];
  if (rt.flags.output) args.push('--output', rt.flags.output);
  if (rt.flags.json) args.push('--json');
  if (rt.flags.quiet) args.push('--quiet');
  if (rt.flags.header === false) args.push('--no-header');
  return args;
}

export async function runDemo(rt: Runtime, runArgv: RunArgv): Promise<void> {
  const dbPath = rt.flags.db ?? join(mkdtempSync(join(tmpdir(), 'credyt-demo-')), 'demo.db');
  if (rt.flags.db && existsSync(dbPath)) {
    throw new UsageError(`--db ${dbPath} already exists; the demo needs a fresh database.`);
  }
  const say = (line: string) => rt.io.stderr.write(line + '\n');
  const quiet = { ...rt.io, stdout: { write: () => true } };
  const env = { ...rt.ctx.env, CREDYT_PROFILE: 'local', CREDYT_BASE_URL: '', CREDYT_DB: dbPath };
  for (const step of DEMO_STEPS) {
    say(`$ ${commandLine(step)}`);
    const code = await runArgv(step, { ...rt.ctx, io: quiet, env, cleanups: [] });
    if (code !== 0) throw new CredytError(`demo step failed: ${commandLine(step)}`, code);
  }
  say(`$ ${commandLine(DEMO_RESULT)}`);
  const code = await runArgv([...DEMO_RESULT, ...outputArgs(rt)], { ...rt.ctx, env, cleanups: [] });
  if (code !== 0) throw new CredytError(`demo step failed: ${commandLine(DEMO_RESULT)}`, code);
  say(`\nDemo database: ${dbPath}\nExplore it:    credyt --db ${dbPath} wallet get acme`);
}
