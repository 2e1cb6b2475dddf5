import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

/** One volume price at `rate`, and a test that expects that rate's fee. */
const chat = (rate: string) => `
products:
  - code: chat_api
    name: Chat API
    prices:
      - name: Input
        type: usage_based
        usage_calculation: {event_type: chat_completed, usage_type: volume, volume_field: input_tokens}
        pricing:
          - asset: USD
            values: [{volume_rate: ${rate}, package_size: 1000000}]
tests:
  - name: 1M input tokens
    simulate: {product: chat_api, events: [{type: chat_completed, data: {input_tokens: 1000000}}]}
    expect: {total: {USD: ${rate}}}
`;

/**
 * `pricing plan`, `pricing test` and `pricing test --local` after `apply` without
 * `--make-default`: the new version exists but new subscribers are charged the old price,
 * so the plan is not in sync and the profile's test says why it fails.
 */
describe('pricing plan compares with what new subscribers get (the default version)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let p1: string;
  let p2: string;
  const run = (args: string[]) => runMain(args, { env });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-pricing-default-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    p1 = join(dir, 'p1.yaml');
    p2 = join(dir, 'p2.yaml');
    writeFileSync(p1, chat('1.25'));
    writeFileSync(p2, chat('1.5'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('in sync, test and test --local agree: both pass', async () => {
    expect((await run(['pricing', 'apply', p1, '--yes'])).code).toBe(0);
    expect((await run(['pricing', 'plan', p1])).code).toBe(0);
    const profile = await run(['pricing', 'test', p1, '-o', 'json']);
    const local = await run(['pricing', 'test', p1, '--local', '-o', 'json']);
    expect([profile.code, local.code]).toEqual([0, 0]);
    expect(JSON.parse(profile.stdout).profile_in_sync).toBe(true);
    expect(profile.stderr).not.toContain('does not match');
  });

  it('after apply without --make-default: apply warns, plan shows "version 2 is not the default" (exit 10, 2)', async () => {
    const applied = await run(['pricing', 'apply', p2, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/Warning: product chat_api: the version matching the file is not the default/);

    const plan = await run(['pricing', 'plan', p2]);
    expect(plan.code).toBe(10);
    expect(plan.stdout).toContain('product chat_api: make-default');
    expect(plan.stdout).toContain('default_version: 1 → 2');
    expect(plan.stdout).toContain('version 2 is not the default');
    expect(plan.stdout).not.toContain('No changes');
    expect((await run(['pricing', 'plan', p2, '--detailed-exitcode'])).code).toBe(2);
    const doc = JSON.parse((await run(['pricing', 'plan', p2, '-o', 'json'])).stdout);
    expect(doc.in_sync).toBe(false);
    expect(doc.items[0]).toMatchObject({
      action: 'make-default',
      requests: [{ method: 'PATCH', path: expect.stringMatching(/^\/products\/prp_\w+\/2$/), body: { make_default: true } }],
    });
  });

  it('apply --dry-run without --make-default shows no request for it and warns too', async () => {
    const dry = await run(['pricing', 'apply', p2, '--dry-run', '-o', 'json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).requests).toEqual([]);
    expect(dry.stderr).toContain('product chat_api: the version matching the file is not the default');
    const withDefault = JSON.parse((await run(['pricing', 'apply', p2, '--dry-run', '--make-default', '-o', 'json'])).stdout);
    expect(withDefault.requests).toMatchObject([{ method: 'PATCH', body: { make_default: true } }]);
  });

  it('a second apply without --make-default sends nothing and still warns', async () => {
    const again = await run(['pricing', 'apply', p2, '--yes', '-o', 'json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).applied).toEqual([]);
    expect(again.stderr).toContain('not the default');
    expect((await run(['pricing', 'plan', p2])).code).toBe(10);
  });

  it('test (the profile) fails and says the profile does not match; test --local passes on the file', async () => {
    const profile = await run(['pricing', 'test', p2, '-o', 'json']);
    expect(profile.code).toBe(5);
    expect(JSON.parse(profile.stdout).profile_in_sync).toBe(false);
    expect(profile.stderr).toMatch(/the profile does not match .*product chat_api: make-default.*default version/);
    expect((await run(['pricing', 'test', p2, '--local'])).code).toBe(0);
  });

  it('apply --make-default switches: plan in sync, test and test --local pass', async () => {
    const switched = await run(['pricing', 'apply', p2, '--yes', '--make-default', '-o', 'json']);
    expect(switched.code, switched.stderr).toBe(0);
    expect(JSON.parse(switched.stdout).applied).toMatchObject([{ method: 'PATCH' }]);
    expect(switched.stderr).not.toContain('Warning');
    expect((await run(['pricing', 'plan', p2])).code).toBe(0);
    expect((await run(['pricing', 'test', p2])).code).toBe(0);
    expect((await run(['pricing', 'test', p2, '--local'])).code).toBe(0);
    // And the old file is now a pending change back to version 1.
    const back = JSON.parse((await run(['pricing', 'plan', p1, '-o', 'json'])).stdout);
    expect(back.items[0].action).toBe('make-default');
  });
});

const EXAMPLES = resolve(import.meta.dirname, '../../../examples/pricing');

/**
 * Differential: once a profile matches the file (plan exit 0), `pricing test` against it
 * and `pricing test --local` give the same result for every test, number by number.
 */
describe('pricing test and test --local agree when the profile matches the file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-pricing-agree-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)))('%s', async (name) => {
    const file = join(EXAMPLES, name);
    const env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, `${name}.db`) };
    const run = (args: string[]) => runMain(args, { env });
    expect((await run(['pricing', 'apply', file, '--yes', '--make-default'])).code).toBe(0);
    expect((await run(['pricing', 'plan', file])).code).toBe(0);
    const results = async (args: string[]) => {
      const r = await run(['pricing', 'test', file, ...args, '-o', 'json']);
      return (JSON.parse(r.stdout).results as { name: string; status: string; expected: string; actual: string }[])
        // A quote at a set time runs only --local (a profile quotes at its own clock).
        .filter((t) => t.status !== 'skipped')
        .map((t) => ({ name: t.name, status: t.status, expected: t.expected, actual: t.actual }));
    };
    const profile = await results([]);
    const local = (await results(['--local'])).filter((t) => profile.some((p) => p.name === t.name));
    expect(profile.length).toBeGreaterThan(0);
    expect(profile).toEqual(local);
  });
});
