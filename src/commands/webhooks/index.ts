import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { registerWebhooksCreate } from './create.js';
import { registerWebhooksDelete } from './delete.js';
import { registerWebhooksDeliveries } from './deliveries.js';
import { registerWebhooksGet } from './get.js';
import { registerWebhooksList } from './list.js';
import { registerWebhooksResend } from './resend.js';
import { registerWebhooksVerify } from './verify.js';

export function registerWebhooks(program: Command, ctx: Context): void {
  const webhooks = program.command('webhooks').summary(TOP_SUMMARIES.webhooks);
  registerWebhooksCreate(webhooks, ctx);
  registerWebhooksList(webhooks, ctx);
  registerWebhooksGet(webhooks, ctx);
  registerWebhooksDelete(webhooks, ctx);
  registerWebhooksDeliveries(webhooks, ctx);
  registerWebhooksResend(webhooks, ctx);
  registerWebhooksVerify(webhooks, ctx);
}
