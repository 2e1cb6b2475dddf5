import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerTopUpsGet } from './get.js';
import { registerTopUpsList } from './list.js';
import { registerTopUpsSettle } from './settle.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerTopUps(program: Command, ctx: Context): void {
  const topUps = program.command('top-ups').summary(TOP_SUMMARIES['top-ups']);
  registerTopUpsList(topUps, ctx);
  registerTopUpsGet(topUps, ctx);
  registerTopUpsSettle(topUps, ctx, 'complete');
  registerTopUpsSettle(topUps, ctx, 'fail');
}
