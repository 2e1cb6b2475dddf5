import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerLogin } from './login.js';
import { registerLogout } from './logout.js';
import { registerProfiles } from './profiles.js';
import { registerWhoami } from './whoami.js';

export function registerProfileCommands(program: Command, ctx: Context): void {
  registerLogin(program, ctx);
  registerLogout(program, ctx);
  registerProfiles(program, ctx);
  registerWhoami(program, ctx);
}
