import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { CredytError, ExitStatus, ExitCode } from '../../errors.js';

export interface PricingPlanOptions {
  detailedExitcode?: boolean;
  makeDefault?: boolean;
}

export function registerPricingPlan(parent: Command, ctx: Context): void {
  parent
    .command('plan')
    .summary("Compare a pricing file with the profile's live configuration (exit 0 in sync, 10 changes)")
    .argument('<file>', 'credyt.pricing.yaml (YAML or JSON; - for stdin)')
    .option('--detailed-exitcode', "Terraform's exit codes: 0 in sync, 1 error, 2 changes pending")
    .option('--make-default', 'plan the requests of apply --make-default (a new version made the default too)')
    .addHelpText(
      'after',
      `
Each asset and product is create, add-rate, new-version, make-default, unchanged, or
replace (a change the API cannot make in place, such as an asset's precision). Products
are compared with their default version, what new subscribers get: a published version
that matches the file but is not the default is a pending make-default change.

Examples:
  credyt pricing plan credyt.pricing.yaml
  credyt pricing plan credyt.pricing.yaml -o json
  credyt pricing plan credyt.pricing.yaml --detailed-exitcode || test $? -eq 2`,
    )
    .action(action(ctx, runPricingPlan));
}

export async function runPricingPlan(rt: Runtime, opts: PricingPlanOptions, path: string): Promise<void> {
  const { readPricingFile } = await import('../../pricing/read.js');
  const { readLiveState } = await import('../../pricing/live.js');
  const { pendingItems, planPricing } = await import('../../pricing/plan.js');
  const { planSummary, printPlan } = await import('../../pricing/render-plan.js');
  let pending: number;
  let summary: string;
  let blocked = 0;
  try {
    const { file, loaded } = await readPricingFile(path, rt.io.stdin);
    const client = await rt.client();
    const live = await readLiveState(client);
    const plan = planPricing(file, live, { now: rt.ctx.now(), makeDefault: opts.makeDefault });
    // A plan is a report read in CI logs too: piped, it stays text unless -o asks for rows.
    const explicit = rt.flags.output !== undefined || rt.flags.json || Boolean(rt.ctx.env.CREDYT_OUTPUT);
    const output = explicit ? rt.output : { ...rt.output, mode: 'table' as const };
    printPlan(output, plan, loaded.source, rt.target().profile);
    pending = pendingItems(plan).length;
    summary = planSummary(plan);
    blocked = plan.items.filter((i) => i.action === 'replace').length;
  } catch (error) {
    // Terraform's convention: any error is 1, so 2 can only mean "changes".
    if (opts.detailedExitcode && error instanceof CredytError) throw new CredytError(error.message, ExitCode.Generic, error.hint);
    throw error;
  }
  if (pending > 0) {
    throw new ExitStatus(
      `${pending} change${pending === 1 ? '' : 's'} pending (${summary}); ${
        blocked > 0 ? '`credyt pricing apply` refuses changes that need a new object' : '`credyt pricing apply` makes them'
      }.`,
      opts.detailedExitcode ? (2 as ExitCode) : ExitCode.PlanChanges,
    );
  }
}
