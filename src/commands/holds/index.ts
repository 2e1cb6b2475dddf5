import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerHoldsCapture } from './capture.js';
import { registerHoldsCreate } from './create.js';
import { registerHoldsList } from './list.js';
import { registerHoldsVoid } from './void.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerHolds(program: Command, ctx: Context): void {
  const holds = program.command('holds').summary(TOP_SUMMARIES.holds);
  registerHoldsCreate(holds, ctx);
  registerHoldsCapture(holds, ctx);
  registerHoldsVoid(holds, ctx);
  registerHoldsList(holds, ctx);
}
