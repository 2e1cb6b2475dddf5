import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

const FILE = resolve(import.meta.dirname, '../../../examples/pricing/image-generation.yaml');

describe('pricing apply asks a person, in process', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-pricing-apply-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on a terminal: shows the changes, and "no" changes nothing', async () => {
    const r = await runMain(['pricing', 'apply', FILE], { env, tty: true, answers: [false] });
    expect(r.asked).toEqual(['Apply 2 changes to profile local?']);
    expect(r.stderr).toContain('asset IMG: create');
    expect(r.stderr).toContain('product image_gen: create');
    expect(r.code).toBe(1);
    const plan = await runMain(['pricing', 'plan', FILE, '-o', 'json'], { env });
    expect(plan.code).toBe(10);
  });

  it('"yes" applies; a second run has nothing to ask', async () => {
    const r = await runMain(['pricing', 'apply', FILE], { env, tty: true, answers: [true] });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Applied');
    const again = await runMain(['pricing', 'apply', FILE], { env, tty: true, answers: [] });
    expect(again.code, again.stderr).toBe(0);
    expect(again.asked).toEqual([]);
    expect((await runMain(['pricing', 'plan', FILE], { env })).code).toBe(0);
  });

  it('not on a terminal, or with CI set: --yes is required before any request', async () => {
    const path = join(dir, 'other.yaml');
    writeFileSync(path, 'assets:\n  - {code: GEM, name: Gems, precision: 0}\n');
    for (const options of [{ tty: false }, { tty: true, env: { ...env, CI: 'true' } }]) {
      const r = await runMain(['pricing', 'apply', path], { env, ...options });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/pricing apply needs confirmation: pass --yes/);
    }
  });
});
