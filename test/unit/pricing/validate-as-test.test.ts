import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

const HEAD = `
assets:
  - code: TOK
    name: Tokens
    precision: 0
    rates: [{source: USD, rate: 0.01}]
products:
  - code: chat_api
    name: Chat API
    prices:
      - name: Input
        type: usage_based
        usage_calculation: {event_type: chat_completed, usage_type: volume, volume_field: input_tokens}
        pricing:
          - asset: USD
            values: [{volume_rate: 1.25, package_size: 1000000}]
tests:
`;
const quote = (amount: string) => `  - name: a quote
    quote: {asset: TOK, source: USD, amount: ${amount}}
    expect: {quantity: 199}
`;
const simulate = (tokens: string) => `  - name: a simulation
    simulate: {product: chat_api, events: [{type: chat_completed, data: {input_tokens: ${tokens}}}]}
    expect: {total: {USD: 1.25}}
`;

/**
 * `pricing validate` and `pricing test --local` on the same files: whatever test --local
 * refuses as a request (not as a wrong expectation), validate refuses first.
 */
describe('pricing validate applies the checks of pricing test --local', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let n = 0;
  const write = (text: string) => {
    const path = join(dir, `f${n++}.yaml`);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-pricing-validate-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a quote of 1.9999999 USD (7 places, USD has 6): refused by both, validate naming the field and line', async () => {
    const path = write(HEAD + quote('1.9999999'));
    const validate = await runMain(['pricing', 'validate', path], { env });
    expect(validate.code).toBe(5);
    expect(validate.stderr).toMatch(/f\d\.yaml:19: tests\[0\]\.quote\.amount: 1\.9999999 has 7 decimal places; USD has precision 6/);
    const local = await runMain(['pricing', 'test', path, '--local'], { env });
    expect(local.code).toBe(5);
    expect(local.stderr).toContain('tests[0].quote.amount: 1.9999999 has 7 decimal places');
  });

  const refused: [string, string][] = [
    ['a quote of 0 USD', quote('0')],
    ['a quote of 10^19 USD', quote('10000000000000000000')],
    ['a quote of 0.0000001 USD', quote('0.0000001')],
    ['a volume that is not a number', simulate('"lots"')],
    ['a negative volume', simulate('-5')],
  ];
  it.each(refused)('%s: test --local fails it with an API error, validate refuses the file (exit 5)', async (_name, test) => {
    const path = write(HEAD + test);
    // test --local refuses it either while reading the file (the offline checks it shares
    // with validate) or as the engine's answer to the test's request.
    const local = await runMain(['pricing', 'test', path, '--local', '-o', 'json'], { env });
    expect(local.code).toBe(5);
    if (local.stdout !== '') expect(JSON.parse(local.stdout).results[0].message).toBeTruthy();
    const validate = await runMain(['pricing', 'validate', path, '-o', 'json'], { env });
    expect(validate.code, validate.stdout).toBe(5);
    const doc = JSON.parse(validate.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.problems[0].path).toMatch(/^tests\.0/);
    expect(doc.problems[0].line).toBeGreaterThan(17);
  });

  it('a wrong expectation is a failing test, not an invalid file: validate 0, test --local 5', async () => {
    const path = write(HEAD + quote('1.99').replace('199', '200'));
    expect((await runMain(['pricing', 'validate', path], { env })).code).toBe(0);
    const local = await runMain(['pricing', 'test', path, '--local', '-o', 'json'], { env });
    expect(local.code).toBe(5);
    expect(JSON.parse(local.stdout).results[0]).toMatchObject({ status: 'failed', expected: 'quantity 200', actual: 'quantity 199' });
  });

  it('valid both ways: validate 0, test --local 0', async () => {
    const path = write(HEAD + quote('1.99') + simulate('1000000'));
    expect((await runMain(['pricing', 'validate', path], { env })).code).toBe(0);
    expect((await runMain(['pricing', 'test', path, '--local'], { env })).code).toBe(0);
  });
});
