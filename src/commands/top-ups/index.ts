import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerTopUpsGet } from './get.js';
import { registerTopUpsSettle } from './settle.js';

export function registerTopUps(program: Command, ctx: Context): void {
  const topUps = program.command('top-ups').summary('Follow payment top-ups (complete or fail them locally)');
  registerTopUpsGet(topUps, ctx);
  registerTopUpsSettle(topUps, ctx, 'complete');
  registerTopUpsSettle(topUps, ctx, 'fail');
}
