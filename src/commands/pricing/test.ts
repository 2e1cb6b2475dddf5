import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { printRecords } from '../../render/records.js';
import type { PricingFile } from '../../pricing/model.js';
import type { TestResult, TestTarget } from '../../pricing/test-runner.js';
import type { PlanItem } from '../../pricing/plan.js';

export interface PricingTestOptions {
  local?: boolean;
  junit?: string;
}

export function registerPricingTest(parent: Command, ctx: Context): void {
  parent
    .command('test')
    .summary("Run a pricing file's tests: quotes and simulated usage (exit 0 all passed, 5 any failed)")
    .argument('<file>', 'credyt.pricing.yaml (YAML or JSON; - for stdin)')
    .option('--local', 'apply the file to a throw-away in-memory engine and test there (no key, no network)')
    .option('--junit <path>', 'also write the results as JUnit XML to this file')
    .addHelpText(
      'after',
      `
Without --local the tests run against the profile (simulations charge nobody): each product
at its default version, what new subscribers get. A warning says when the profile does not
match the file (see \`pricing plan\`). With --local the file is applied, versions made the
default, to a throw-away engine.

Examples:
  credyt pricing test credyt.pricing.yaml --local
  credyt pricing test credyt.pricing.yaml --local --junit reports/pricing.xml
  credyt pricing test credyt.pricing.yaml --profile staging -o json`,
    )
    .action(action(ctx, runPricingTest));
}

async function testTarget(rt: Runtime, opts: PricingTestOptions, file: PricingFile) {
  const { readLiveState } = await import('../../pricing/live.js');
  const { pendingItems, planPricing } = await import('../../pricing/plan.js');
  const { applyToScratch } = await import('../../pricing/scratch-apply.js');
  if (!opts.local) {
    const client = await rt.client();
    // Only to say whether the profile matches the file: a key that may run the tests but
    // not list the catalogue still runs them (without the comparison).
    let pending: PlanItem[] | undefined;
    try {
      pending = pendingItems(planPricing(file, await readLiveState(client), { now: rt.ctx.now() }));
    } catch (error) {
      if (!(error instanceof CredytError) || error.exitCode === ExitCode.Network) throw error;
      rt.warn(`could not compare the profile with the file (${error.message}); the tests run against the profile as it is.`);
    }
    return { target: { client } as TestTarget, close: async () => {}, pending };
  }
  const { engine, failure } = await applyToScratch(file, rt.ctx.now, (clock) => rt.scratchTransport(clock));
  if (failure) {
    await engine.close();
    throw new CredytError(`The file does not apply to an empty engine: ${failure.message}`, ExitCode.Validation);
  }
  return { target: { client: engine.client, setClock: engine.setClock } as TestTarget, close: () => engine.close(), pending: [] };
}

export async function runPricingTest(rt: Runtime, opts: PricingTestOptions, path: string): Promise<void> {
  const { readPricingFile } = await import('../../pricing/read.js');
  const { runPricingTests } = await import('../../pricing/test-runner.js');
  const { junitXml } = await import('../../pricing/junit.js');
  const { file, loaded } = await readPricingFile(path, rt.io.stdin);
  if (file.tests.length === 0) throw new UsageError(`${loaded.source} has no tests.`);
  const { target, close, pending } = await testTarget(rt, opts, file);
  if (pending && pending.length > 0) {
    // The tests check the profile's live pricing, `--local` checks the file: say when those
    // differ, or a failure here (or a pass with --local) looks like a contradiction.
    const what = pending.map((i) => `${i.kind} ${i.code}: ${i.action}`).join(', ');
    rt.warn(
      `the profile does not match ${loaded.source} (${what}); these tests ran against the profile's pricing, ` +
        'each product at its default version (what new subscribers get). `credyt pricing plan` shows the differences.',
    );
  }
  let results: TestResult[];
  try {
    results = await runPricingTests(file.tests, target);
  } finally {
    await close();
  }
  if (opts.junit) await writeFile(opts.junit, junitXml(loaded.source, results, rt.ctx.now()));
  printRecords(rt.output, {
    columns: [
      { header: 'RESULT', field: 'status', value: (r: TestResult) => r.status.toUpperCase() },
      { header: 'TEST', field: 'name', value: (r) => r.name },
      { header: 'EXPECTED', value: (r) => r.expected },
      { header: 'ACTUAL', value: (r) => r.message ?? r.actual },
    ],
    rows: results,
    json: { file: loaded.source, local: Boolean(opts.local), ...(opts.local || !pending ? {} : { profile_in_sync: pending.length === 0 }), results },
    id: (r) => r.name,
  });
  const failed = results.filter((r) => r.status === 'failed').length;
  const passed = results.filter((r) => r.status === 'passed').length;
  if (failed > 0) throw new CredytError(`${failed} of ${results.length} pricing tests failed.`, ExitCode.Validation);
  rt.note(`${passed} of ${results.length} pricing tests passed.`);
}
