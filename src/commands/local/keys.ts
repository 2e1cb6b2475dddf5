import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerLocalKeysList } from './keys-list.js';
import { registerLocalKeysRevoke } from './keys-revoke.js';

/** `credyt local keys list | revoke`: the API keys `local serve` makes (a local extension). */
export function registerLocalKeys(parent: Command, ctx: Context): void {
  const keys = parent.command('keys').summary("List or revoke the API keys (local engine)");
  registerLocalKeysList(keys, ctx);
  registerLocalKeysRevoke(keys, ctx);
}
