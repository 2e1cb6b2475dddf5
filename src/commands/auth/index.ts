import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAuthStatus } from './status.js';

export function registerAuth(program: Command, ctx: Context): void {
  const auth = program.command('auth').summary('Which key is in use, where it comes from, and whether it works');
  registerAuthStatus(auth, ctx);
}
