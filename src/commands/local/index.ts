import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerLocalClock } from './clock.js';
import { registerLocalKeys } from './keys.js';
import { registerLocalServe } from './serve.js';
import { registerLocalVerify } from './verify.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerLocal(program: Command, ctx: Context): void {
  const local = program.command('local').summary(TOP_SUMMARIES.local);
  registerLocalServe(local, ctx);
  registerLocalVerify(local, ctx);
  registerLocalKeys(local, ctx);
  registerLocalClock(local, ctx);
}
