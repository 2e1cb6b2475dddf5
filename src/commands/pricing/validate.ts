import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { stringifyJson } from '../../json/write.js';

export type PricingValidateOptions = Record<string, never>;

export function registerPricingValidate(parent: Command, ctx: Context): void {
  parent
    .command('validate')
    .summary('Check a pricing file offline: schema, references, precision, rates (exit 0 or 5)')
    .argument('<file>', 'credyt.pricing.yaml (YAML or JSON; - for stdin)')
    .addHelpText(
      'after',
      `
Needs no key and no network. Every problem is printed with its file and line. Besides
the offline checks, the file is applied to a throw-away in-memory engine and each test's
request is sent there, as \`test --local\` does: what that engine refuses (a quote amount
finer than its currency, say) is a problem here too. Expectations are not compared.

Examples:
  credyt pricing validate credyt.pricing.yaml
  credyt pricing validate examples/pricing/llm-api.yaml -o json`,
    )
    .action(action(ctx, runPricingValidate));
}

export async function runPricingValidate(rt: Runtime, _opts: PricingValidateOptions, path: string): Promise<void> {
  // The pricing modules (and yaml) load when a pricing verb runs, never for --help.
  const { readPricingFile } = await import('../../pricing/read.js');
  const { PricingFileError } = await import('../../pricing/load.js');
  const json = rt.output.mode === 'json';
  try {
    const { file, loaded } = await readPricingFile(path, rt.io.stdin);
    // What `test --local` would refuse, found the same way: the file applied to a
    // throw-away engine and each test's request sent there (no key, no network).
    const { scratchProblems } = await import('../../pricing/scratch-apply.js');
    const problems = await scratchProblems(file, loaded, rt.ctx.now, (clock) => rt.scratchTransport(clock));
    if (problems.length > 0) throw new PricingFileError(loaded.source, problems);
    const counts = { assets: file.assets.length, products: file.products.length, tests: file.tests.length };
    if (json) rt.io.stdout.write(stringifyJson({ file: loaded.source, valid: true, ...counts, problems: [] }, 2) + '\n');
    else if (!rt.output.quiet) {
      rt.io.stdout.write(`${loaded.source}: valid (${counts.assets} assets, ${counts.products} products, ${counts.tests} tests)\n`);
    }
  } catch (error) {
    if (json && error instanceof PricingFileError) {
      const problems = error.problems.map((p) => ({ line: p.line ?? null, path: p.path.join('.'), message: p.message }));
      rt.io.stdout.write(stringifyJson({ file: error.source, valid: false, problems }, 2) + '\n');
    }
    throw error;
  }
}
