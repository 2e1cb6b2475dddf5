import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerEventsList } from './list.js';
import { registerEventsGet } from './get.js';

export function registerEvents(program: Command, ctx: Context): void {
  const events = program.command('events').summary('List usage events and show the fees of each');
  registerEventsList(events, ctx);
  registerEventsGet(events, ctx);
}
