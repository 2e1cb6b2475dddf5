import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerUsagePost } from './post.js';

export function registerUsage(program: Command, ctx: Context): void {
  const usage = program.command('usage').summary('Post usage events, billed in real time');
  registerUsagePost(usage, ctx);
}
