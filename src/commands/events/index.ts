import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerEventsList } from './list.js';
import { registerEventsGet } from './get.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerEvents(program: Command, ctx: Context): void {
  const events = program.command('events').summary(TOP_SUMMARIES.events);
  registerEventsList(events, ctx);
  registerEventsGet(events, ctx);
}
