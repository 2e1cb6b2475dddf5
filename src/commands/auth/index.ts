import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAuthStatus } from './status.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerAuth(program: Command, ctx: Context): void {
  const auth = program.command('auth').summary(TOP_SUMMARIES.auth);
  registerAuthStatus(auth, ctx);
}
