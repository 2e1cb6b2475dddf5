import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { registerPricingValidate } from './validate.js';
import { registerPricingPull } from './pull.js';
import { registerPricingPlan } from './plan.js';
import { registerPricingApply } from './apply.js';
import { registerPricingTest } from './test.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerPricing(program: Command, ctx: Context): void {
  const pricing = program
    .command('pricing')
    .summary(TOP_SUMMARIES.pricing);
  registerPricingValidate(pricing, ctx);
  registerPricingPull(pricing, ctx);
  registerPricingPlan(pricing, ctx);
  registerPricingApply(pricing, ctx);
  registerPricingTest(pricing, ctx);
}
