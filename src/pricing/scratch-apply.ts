import { CredytError } from '../errors.js';
import { applyPlan } from './apply.js';
import { readLiveState } from './live.js';
import { scratchEngine, type OpenScratchTransport, type ScratchEngine } from './local-engine.js';
import type { Path, PricingFile, Problem } from './model.js';
import { planPricing } from './plan.js';
import { runPricingTests } from './test-runner.js';
import type { LoadedFile } from './model.js';

export interface ScratchApply {
  engine: ScratchEngine;
  /** The first asset or product the empty engine refused; nothing after it was sent. */
  failure?: { path: Path; message: string };
}

/**
 * The file applied, its versions made the default, to a throw-away in-memory engine: what
 * `test --local` tests against. One item at a time, so a refusal names the asset or
 * product (assets come first in the plan, in file order, then the products).
 */
export async function applyToScratch(file: PricingFile, now: () => Date, open: OpenScratchTransport): Promise<ScratchApply> {
  const engine = await scratchEngine(now, open);
  try {
    const plan = planPricing(file, await readLiveState(engine.client), { now: now(), makeDefault: true });
    for (const [k, item] of plan.items.entries()) {
      try {
        await applyPlan(engine.client, { items: [item] });
      } catch (error) {
        if (!(error instanceof CredytError)) throw error;
        const path: Path = k < file.assets.length ? ['assets', k] : ['products', k - file.assets.length];
        return { engine, failure: { path, message: `${item.kind} ${item.code}: ${error.message}` } };
      }
    }
    return { engine };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/**
 * What `test --local` would refuse that the offline checks let through: an item the
 * engine does not accept, or a test whose request it answers with an error (a quote
 * amount finer than its currency, event data it cannot price). Expectations are not
 * compared: a wrong expectation is a failing test, not an invalid file.
 */
export async function scratchProblems(
  file: PricingFile,
  loaded: LoadedFile,
  now: () => Date,
  open: OpenScratchTransport,
): Promise<Problem[]> {
  const { engine, failure } = await applyToScratch(file, now, open);
  try {
    const line = (path: Path) => loaded.lineOf(path);
    if (failure) return [{ path: failure.path, message: `does not apply to an empty engine: ${failure.message}`, line: line(failure.path) }];
    const results = await runPricingTests(file.tests, { client: engine.client, setClock: engine.setClock });
    return results.flatMap((r, i) =>
      r.status === 'failed' && r.message !== undefined
        ? [{ path: ['tests', i], message: `tests[${i}] "${r.name}": test --local would fail it: ${r.message}`, line: line(['tests', i]) }]
        : [],
    );
  } finally {
    await engine.close();
  }
}
