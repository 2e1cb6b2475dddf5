import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { registerSubscriptionsCancel } from './cancel.js';
import { registerSubscriptionsChange } from './change.js';
import { registerSubscriptionsGet } from './get.js';
import { registerSubscriptionsList } from './list.js';
import { registerSubscriptionsSettle } from './settle.js';

export function registerSubscriptions(program: Command, ctx: Context): void {
  const subscriptions = program.command('subscriptions').summary(TOP_SUMMARIES.subscriptions);
  registerSubscriptionsList(subscriptions, ctx);
  registerSubscriptionsGet(subscriptions, ctx);
  registerSubscriptionsSettle(subscriptions, ctx, 'complete');
  registerSubscriptionsSettle(subscriptions, ctx, 'fail');
  registerSubscriptionsCancel(subscriptions, ctx);
  registerSubscriptionsChange(subscriptions, ctx);
}
