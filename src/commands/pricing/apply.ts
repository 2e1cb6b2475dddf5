import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { CredytError, ExitCode } from '../../errors.js';
import { stringifyJson } from '../../money/json.js';
import { printRecords } from '../../render/records.js';
import type { SentRequest } from '../../pricing/apply.js';

export interface PricingApplyOptions {
  dryRun?: boolean;
  makeDefault?: boolean;
}

export function registerPricingApply(parent: Command, ctx: Context, run = runPricingApply): void {
  parent
    .command('apply')
    .summary('Create missing assets and products, add rates and new versions; never deletes')
    .argument('<file>', 'credyt.pricing.yaml (YAML or JSON; - for stdin)')
    .option('--dry-run', 'print the requests it would send (key redacted) and send none')
    .option('--make-default', 'make each new (or matching) product version the default')
    .addHelpText(
      'after',
      `
Asks for confirmation on a terminal; elsewhere (CI) it needs --yes. Idempotent: a second
run changes nothing. A change the API cannot make in place (an asset's precision) stops
the run before anything is sent (exit 5).

Examples:
  credyt pricing apply credyt.pricing.yaml --dry-run
  credyt pricing apply credyt.pricing.yaml --yes --make-default`,
    )
    .action(action(ctx, run));
}

export async function runPricingApply(rt: Runtime, opts: PricingApplyOptions, path: string): Promise<void> {
  const { readPricingFile } = await import('../../pricing/read.js');
  const { readLiveState } = await import('../../pricing/live.js');
  const { pendingItems, planPricing } = await import('../../pricing/plan.js');
  const { planSummary } = await import('../../pricing/render-plan.js');
  const { applyPlan, dryRunText } = await import('../../pricing/apply.js');
  const { canon } = await import('../../pricing/canonical.js');
  const { file, loaded } = await readPricingFile(path, rt.io.stdin);
  if (!opts.dryRun) rt.assertCanConfirm('pricing apply');
  const client = await rt.client();
  const plan = planPricing(file, await readLiveState(client), { now: rt.ctx.now(), makeDefault: opts.makeDefault });
  const blocked = plan.items.filter((i) => i.action === 'replace');
  if (blocked.length > 0) {
    const what = blocked.map((i) => `${i.kind} ${i.code} (${i.changes.map((c) => c.path).join(', ')})`).join('; ');
    throw new CredytError(
      `Nothing applied: the API cannot change ${what} in place.`,
      ExitCode.Validation,
      'Give the changed asset a new code, or put the live values back in the file; `credyt pricing plan` shows the differences.',
    );
  }
  const pending = pendingItems(plan);
  const profile = rt.target().profile;
  if (opts.dryRun) {
    const target = rt.target();
    if (rt.output.mode === 'json') {
      const requests = pending.flatMap((i) => i.steps.map((s) => ({ method: s.method, path: s.path, body: canon(s.body) })));
      rt.io.stdout.write(stringifyJson({ dry_run: true, profile, requests }, 2) + '\n');
    } else {
      const origin = target.kind === 'http' ? target.baseUrl.replace(/\/+$/, '') : '';
      rt.io.stdout.write(dryRunText(plan, origin, target.kind === 'http' && Boolean(target.apiKey)));
      rt.io.stderr.write(`Dry run: ${pending.length} change${pending.length === 1 ? '' : 's'} (${planSummary(plan)}); nothing was sent.\n`);
    }
    return;
  }
  let sent: SentRequest[] = [];
  if (pending.length > 0) {
    await rt.confirm(
      pending.map((i) => `${i.kind} ${i.code}: ${i.action}`),
      `Apply ${pending.length} change${pending.length === 1 ? '' : 's'} to profile ${profile}?`,
    );
    sent = await applyPlan(client, plan);
  }
  // Said on stderr piped too: with nothing applied stdout is empty, and CI logs must show why.
  if (pending.length > 0) rt.note(`Applied ${loaded.source}: ${planSummary(plan)}.`);
  else if (!rt.flags.quiet) rt.io.stderr.write('No changes: the profile matches the file.\n');
  printRecords(rt.output, {
    columns: [
      { header: 'KIND', value: (r: SentRequest) => r.kind },
      { header: 'CODE', value: (r) => r.code },
      { header: 'REQUEST', field: 'path', value: (r) => `${r.method} ${r.path}` },
      { header: 'VERSION', value: (r) => r.version ?? '' },
    ],
    rows: sent,
    json: { profile, applied: sent.map((r) => ({ ...r, body: canon(r.body) })) },
    id: (r) => `${r.kind}:${r.code}`,
  });
}
