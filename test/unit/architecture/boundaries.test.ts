import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// The import rules of docs/architecture.md, as .dependency-cruiser.cjs states them; the
// same check as `npx depcruise src`, run in `npm test` so a wrong-way import fails CI.
const root = fileURLToPath(new URL('../../../', import.meta.url));

const line = (v: IViolation) =>
  v.cycle && v.cycle.length > 0
    ? `${v.rule.name}: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')}`
    : `${v.rule.name}: ${v.from} → ${v.to}`;

async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
  const tsConfig = extractTSConfig(`${root}tsconfig.json`);
  const result = await cruise(['src'], { ...options, baseDir }, undefined, { tsConfig });
  return (result.output as ICruiseResult).summary.violations;
}

describe('the import rules of src/ (.dependency-cruiser.cjs)', () => {
  it('finds no wrong-way import and no cycle', async () => {
    const errors = (await violationsIn(root)).filter((v) => v.rule.severity === 'error').map(line);
    // One line per violation: rule, importer → imported (or the cycle); the rule's
    // comment in .dependency-cruiser.cjs says why it exists.
    expect(errors, `wrong-way imports (see docs/architecture.md):\n${errors.join('\n')}`).toEqual([]);
  });

  it('catches a client importing the engine, an engine folder importing upwards, a cycle', async () => {
    const found = (await violationsIn(`${root}test/fixtures/wrong-way/`)).map((v) => v.rule.name);
    expect(new Set(found)).toEqual(
      new Set(['client-knows-only-transports', 'engine-request-imports-lower-folders', 'no-circular']),
    );
  });
});
