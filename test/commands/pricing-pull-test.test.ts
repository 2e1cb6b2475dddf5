import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { assertWellFormedXml } from '../helpers/xml.js';
import { CHAT, EXAMPLES, EXAMPLE_FILES, pricingSandbox } from './pricing-fixture.js';

const box = pricingSandbox();
const { write, fresh } = box;

describe('pricing pull', () => {
  it('pull twice gives the same bytes, and the pulled file plans with no changes', async () => {
    const env = fresh();
    const run = (args: string[]) => box.run(args, { env });
    for (const name of EXAMPLE_FILES) {
      const applied = await run(['pricing', 'apply', join(EXAMPLES, name), '--yes']);
      expect(applied.code, applied.stderr).toBe(0);
    }
    const one = await run(['pricing', 'pull']);
    const two = await run(['pricing', 'pull']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('effective_at: 2030-01-01T00:00:00Z');
    const pulled = write('pulled.yaml', one.stdout);
    const valid = await run(['pricing', 'validate', pulled]);
    expect(valid.code, valid.stderr).toBe(0);
    const plan = await run(['pricing', 'plan', pulled]);
    expect(plan.code, plan.stdout).toBe(0);
    const asJson = await run(['pricing', 'pull', '-o', 'json']);
    const pulledJson = write('pulled.json', asJson.stdout);
    const planJson = await run(['pricing', 'plan', pulledJson]);
    expect(planJson.code, planJson.stdout + planJson.stderr).toBe(0);
    expect(asJson.stdout).toMatch(/"volume_rate": 1\.25\b/);
  });
});

describe('pricing test', () => {
  it.each(EXAMPLE_FILES)('%s passes validate and test --local', async (name) => {
    expect((await box.run(['pricing', 'validate', join(EXAMPLES, name)])).code).toBe(0);
    const r = await box.run(['pricing', 'test', join(EXAMPLES, name), '--local', '-o', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const results = json(r).results as { status: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((t) => t.status === 'passed')).toBe(true);
  });

  it('the README example passes validate and test --local, and the README points at the schema', async () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.split('## Pricing as code')[1]!;
    expect(section).toContain('schemas/credyt.pricing.schema.json');
    const path = write('readme.yaml', section.split('```yaml\n')[1]!.split('```')[0]!);
    expect((await box.run(['pricing', 'validate', path])).code).toBe(0);
    expect((await box.run(['pricing', 'test', path, '--local'])).code).toBe(0);
  });

  it('a wrong expectation fails with expected vs actual, exit 5, and JUnit XML that parses', async () => {
    const file = write('wrong.yaml', CHAT.replace('expect: {total: {USD: 1.25}', 'expect: {total: {USD: 1.26}'));
    const junit = join(box.dir, 'junit.xml');
    const r = await box.run(['pricing', 'test', file, '--local', '--junit', junit]);
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/PASSED\t10 USD buys 1,000,000 TOK/);
    expect(r.stdout).toMatch(/FAILED\t1M input tokens cost 1\.25 USD\ttotal USD 1\.26[^\t]*\ttotal USD 1\.25/);
    expect(r.stderr).toContain('1 of 2 pricing tests failed');
    const xml = readFileSync(junit, 'utf8');
    assertWellFormedXml(xml);
    expect(xml).toContain('<testsuites name="credyt pricing test" tests="2" failures="1"');
    expect(xml).toContain('<failure message="expected total USD 1.26');
  });

  it('without --local the tests run against the profile; a quote at another time is skipped there', async () => {
    const env = fresh();
    const file = join(EXAMPLES, 'video.yaml');
    expect((await box.run(['pricing', 'apply', file, '--yes'], { env })).code).toBe(0);
    const r = await box.run(['pricing', 'test', file, '-o', 'json'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const results = json(r).results as { name: string; status: string; message?: string }[];
    expect(results.filter((t) => t.status === 'skipped')).toEqual([
      expect.objectContaining({ name: '10 USD buys 125 minutes at the 2030 rate', message: expect.stringMatching(/needs --local/) }),
    ]);
    expect(results.filter((t) => t.status === 'passed')).toHaveLength(3);
  });

  it('does not touch the profile: the local engine is thrown away', async () => {
    const env = fresh();
    expect((await box.run(['pricing', 'test', write('t.yaml', CHAT), '--local'], { env })).code).toBe(0);
    expect(json(await box.run(['assets', 'list', '-o', 'json'], { env })).items).toEqual([]);
  });
});
