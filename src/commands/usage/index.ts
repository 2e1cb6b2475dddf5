import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerUsagePost } from './post.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerUsage(program: Command, ctx: Context): void {
  const usage = program.command('usage').summary(TOP_SUMMARIES.usage);
  registerUsagePost(usage, ctx);
}
