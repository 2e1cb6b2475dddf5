import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerAdjustmentsList } from './list.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

/** `credyt adjustments`: reading adjustments back (`credyt adjust` makes them). */
export function registerAdjustments(program: Command, ctx: Context): void {
  const adjustments = program.command('adjustments').summary(TOP_SUMMARIES.adjustments);
  registerAdjustmentsList(adjustments, ctx);
}
