import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerLocalServe } from './serve.js';
import { registerLocalVerify } from './verify.js';

export function registerLocal(program: Command, ctx: Context): void {
  const local = program.command('local').summary('Run the embedded wallet engine');
  registerLocalServe(local, ctx);
  registerLocalVerify(local, ctx);
}
