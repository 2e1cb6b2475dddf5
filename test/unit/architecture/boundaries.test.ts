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

describe('the import rules of src/ (.dependency-cruiser.cjs)', () => {
  let violations: IViolation[];
  let known: IViolation[];

  beforeAll(async () => {
    const options = await extractDepcruiseOptions(`${root}.dependency-cruiser.cjs`);
    known = options.knownViolations ?? [];
    const tsConfig = extractTSConfig(`${root}tsconfig.json`);
    const result = await cruise(['src'], { ...options, baseDir: root }, undefined, { tsConfig });
    violations = (result.output as ICruiseResult).summary.violations;
  });

  it('finds no wrong-way import and no cycle', () => {
    const errors = violations.filter((v) => v.rule.severity === 'error').map(line);
    // One line per violation: rule, importer → imported (or the cycle); the rule's
    // comment in .dependency-cruiser.cjs says why it exists.
    expect(errors, `wrong-way imports (see docs/architecture.md):\n${errors.join('\n')}`).toEqual([]);
  });

  it('lists as known only violations that still occur (delete the fixed ones)', () => {
    const ignored = new Set(violations.filter((v) => v.rule.severity === 'ignore').map((v) => `${v.rule.name} ${v.from} ${v.to}`));
    const stale = known.filter((k) => !k.cycle && !ignored.has(`${k.rule.name} ${k.from} ${k.to}`)).map(line);
    expect(stale).toEqual([]);
  });
});
