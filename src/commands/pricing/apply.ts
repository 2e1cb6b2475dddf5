import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { CredytError, ExitCode } from '../../errors.js';
import { stringifyJson } from '../../json/write.js';
import { printRecords } from '../../render/records.js';
import type { SentRequest } from '../../pricing/apply.js';
import type { Plan, PlanItem } from '../../pricing/plan.js';

export interface PricingApplyOptions {
  dryRun?: boolean;
  makeDefault?: boolean;
}

export function registerPricingApply(parent: Command, ctx: Context): void {
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
run changes nothing. Without --make-default a changed product gets a new published version
that new subscribers do not get yet: it warns, and \`pricing plan\` lists it as pending. A change the API cannot make in place (an asset's precision) stops
the run before anything is sent (exit 5).

Examples:
  credyt pricing apply credyt.pricing.yaml --dry-run
  credyt pricing apply credyt.pricing.yaml --yes --make-default`,
    )
    .action(action(ctx, runPricingApply));
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
  // Without --make-default a published version that matches the file stays where it is:
  // nothing is sent for it, and the warning says new subscribers still get the old one.
  const held = opts.makeDefault ? [] : plan.items.filter((i) => i.action === 'make-default');
  const toSend: Plan = { items: plan.items.filter((i) => !held.includes(i)) };
  const pending = pendingItems(toSend);
  const profile = rt.target().profile;
  const notDefault = opts.makeDefault ? [] : [...held, ...toSend.items.filter((i) => i.action === 'new-version')];
  if (opts.dryRun) {
    warnNotDefault(rt, notDefault);
    const target = rt.target();
    if (rt.output.mode === 'json') {
      const requests = pending.flatMap((i) => i.steps.map((s) => ({ method: s.method, path: s.path, body: canon(s.body) })));
      rt.io.stdout.write(stringifyJson({ dry_run: true, profile, requests }, 2) + '\n');
    } else {
      const origin = target.kind === 'http' ? target.baseUrl.replace(/\/+$/, '') : '';
      rt.io.stdout.write(dryRunText(toSend, origin, target.kind === 'http' && Boolean(target.apiKey)));
      rt.io.stderr.write(`Dry run: ${pending.length} change${pending.length === 1 ? '' : 's'} (${planSummary(toSend)}); nothing was sent.\n`);
    }
    return;
  }
  let sent: SentRequest[] = [];
  if (pending.length > 0) {
    await rt.confirm(
      pending.map((i) => `${i.kind} ${i.code}: ${i.action}`),
      `Apply ${pending.length} change${pending.length === 1 ? '' : 's'} to profile ${profile}?`,
    );
    sent = await applyPlan(client, toSend);
  }
  // Said on stderr piped too: with nothing applied stdout is empty, and CI logs must show why.
  if (pending.length > 0) rt.note(`Applied ${loaded.source}: ${planSummary(toSend)}.`);
  else if (!rt.flags.quiet) rt.io.stderr.write(`${held.length > 0 ? 'Nothing sent.' : 'No changes: the profile matches the file.'}\n`);
  warnNotDefault(rt, notDefault);
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

/**
 * Said on stderr whatever the output mode: without --make-default, a product whose file
 * version is published but not the default still charges new subscribers the old price.
 */
function warnNotDefault(rt: Runtime, items: PlanItem[]): void {
  if (items.length === 0) return;
  rt.warn(
    `${items.map((i) => `product ${i.code}`).join(', ')}: the version matching the file is not the default, so new subscribers ` +
      'still get the old one; `credyt pricing apply --make-default` switches (`credyt pricing plan` lists it as pending).',
  );
}
