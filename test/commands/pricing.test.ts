import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox } from '../helpers/in-process-sandbox.js';
import { assertWellFormedXml } from '../helpers/xml.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/pricing');
const EXAMPLE_FILES = ['llm-api.yaml', 'video.yaml', 'image-generation.yaml', 'subscription-credits.yaml'];

const CHAT = `
assets:
  - code: TOK
    name: Tokens
    label: tok
    precision: 0
    rates:
      - {source: USD, rate: 0.00001}
      - {source: USD, rate: 0.00002, effective_at: 2099-01-01T00:00:00Z}
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
  - name: 10 USD buys 1,000,000 TOK
    quote: {asset: TOK, source: USD, amount: 10}
    expect: {quantity: 1000000}
  - name: 1M input tokens cost 1.25 USD
    simulate: {product: chat_api, events: [{type: chat_completed, data: {input_tokens: 1000000}}]}
    expect: {total: {USD: 1.25}, fees: [{price: Input, asset: USD, amount: 1.25}]}
`;

describe('pricing as code', () => {
  let box: InProcessSandbox;
  const write = (name: string, text: string) => {
    const path = join(box.dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ok = async (args: string[]) => {
    const r = await box.run(args);
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const fresh = () => ({ CREDYT_DB: join(box.dir, `db-${Math.random().toString(36).slice(2)}.sqlite`) });

  beforeAll(() => {
    box = inProcessSandbox();
  });
  afterAll(() => box.cleanup());

  describe('validate', () => {
    it('a valid file exits 0', async () => {
      const r = await box.run(['pricing', 'validate', write('chat.yaml', CHAT)]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('valid (1 assets, 1 products, 2 tests)');
    });

    const cases: [string, string, number, RegExp][] = [
      ['unknown key', 'assets:\n  - code: TOK\n    name: T\n    precison: 0\n', 4, /unknown key "precison"/],
      ['wrong type', 'assets:\n  - code: TOK\n    name: T\n    precision: "two"\n', 4, /precision: must be integer/],
      [
        'a price in an undeclared asset',
        'products:\n  - code: p\n    name: P\n    prices:\n      - type: usage_based\n        usage_calculation: {event_type: e, usage_type: unit}\n        pricing:\n          - asset: GEMS\n            values: [{unit_price: 1}]\n',
        8,
        /GEMS is neither a fiat currency nor an asset declared/,
      ],
      ['duplicate asset codes', 'assets:\n  - {code: TOK, name: T, precision: 0}\n  - {code: tok, name: U, precision: 0}\n', 3, /duplicate asset code tok/],
      [
        'duplicate product codes',
        'products:\n  - {code: p, name: P, prices: [{type: usage_based, usage_calculation: {event_type: e, usage_type: unit}, pricing: [{asset: USD, values: [{unit_price: 1}]}]}]}\n  - {code: p, name: Q, prices: [{type: usage_based, usage_calculation: {event_type: e, usage_type: unit}, pricing: [{asset: USD, values: [{unit_price: 1}]}]}]}\n',
        3,
        /duplicate product code p/,
      ],
      [
        'rate and inverse_rate both',
        'assets:\n  - code: TOK\n    name: T\n    precision: 0\n    rates:\n      - {source: USD, rate: 0.1, inverse_rate: 10}\n',
        6,
        /exactly one of rate or inverse_rate/,
      ],
      [
        'neither rate nor inverse_rate',
        'assets:\n  - code: TOK\n    name: T\n    precision: 0\n    rates:\n      - {source: USD}\n',
        6,
        /exactly one of rate or inverse_rate/,
      ],
      [
        'an amount beyond the asset precision',
        'assets:\n  - {code: CR, name: C, precision: 0}\nproducts:\n  - code: p\n    name: P\n    prices: [{type: usage_based, usage_calculation: {event_type: e, usage_type: unit}, pricing: [{asset: CR, values: [{unit_price: 1}]}]}]\n    entitlements:\n      - asset: CR\n        amount: 2.5\n        purpose: bundled\n',
        9,
        /2\.5 has 1 decimal places; CR has precision 0/,
      ],
      [
        'a volume price without volume_field',
        'products:\n  - code: p\n    name: P\n    prices:\n      - type: usage_based\n        usage_calculation: {event_type: e, usage_type: volume}\n        pricing: [{asset: USD, values: [{volume_rate: 1}]}]\n',
        6,
        /needs a volume_field/,
      ],
      [
        'a dimension not in billable_dimensions',
        'products:\n  - code: p\n    name: P\n    prices:\n      - type: usage_based\n        usage_calculation: {event_type: e, usage_type: unit, billable_dimensions: [model]}\n        pricing:\n          - asset: USD\n            values:\n              - dimensions: {model: a}\n                values: [{unit_price: 1}]\n              - dimensions: {colour: red}\n                values: [{unit_price: 2}]\n',
        12,
        /colour is not one of billable_dimensions/,
      ],
      [
        'a dimension entry with two values',
        'products:\n  - code: p\n    name: P\n    prices:\n      - type: usage_based\n        usage_calculation: {event_type: e, usage_type: unit, billable_dimensions: [model]}\n        pricing:\n          - asset: USD\n            values:\n              - dimensions: {model: "*"}\n                values: [{unit_price: 1}, {unit_price: 2}]\n',
        11,
        /exactly one value/,
      ],
      [
        'scheduled rates out of order',
        'assets:\n  - code: TOK\n    name: T\n    precision: 0\n    rates:\n      - {source: USD, rate: 0.3, effective_at: 2099-01-01T00:00:00Z}\n      - {source: USD, rate: 0.2, effective_at: 2098-01-01T00:00:00Z}\n',
        7,
        /must be in order of effective_at/,
      ],
    ];
    it.each(cases)('%s: exit 5 with the right line', async (name, text, line, message) => {
      const path = write(`bad-${name.replace(/\W+/g, '-')}.yaml`, text);
      const r = await box.run(['pricing', 'validate', path]);
      expect(r.code).toBe(5);
      const hit = r.stderr.split('\n').find((l) => message.test(l));
      expect(hit, r.stderr).toBeDefined();
      expect(hit).toContain(`${path}:${line}:`);
    });

    it('-o json lists the problems with their lines', async () => {
      const path = write('bad.json', '{\n  "assets": [\n    {"code": "TOK", "name": "T", "precision": 0, "colour": 1}\n  ]\n}\n');
      const r = await box.run(['pricing', 'validate', path, '-o', 'json']);
      expect(r.code).toBe(5);
      expect(json(r)).toMatchObject({ valid: false, problems: [{ line: 3, message: expect.stringMatching(/unknown key "colour"/) }] });
    });
  });

  describe('plan and apply', () => {
    it('apply to an empty engine, plan in sync; one price changed: plan 10 with that change, apply a new version, plan 0', async () => {
      const env = fresh();
      const run = (args: string[]) => box.run(args, { env });
      const file = write('chat-plan.yaml', CHAT);
      const first = await run(['pricing', 'plan', file, '-o', 'json']);
      expect(first.code).toBe(10);
      expect(json(first).items.map((i: { action: string }) => i.action)).toEqual(['create', 'create']);

      const applied = await run(['pricing', 'apply', file, '--yes']);
      expect(applied.code, applied.stderr).toBe(0);
      const synced = await run(['pricing', 'plan', file]);
      expect(synced.code, synced.stdout + synced.stderr).toBe(0);
      expect(synced.stdout).toContain('No changes');

      const changed = write('chat-plan.yaml', CHAT.replace('volume_rate: 1.25', 'volume_rate: 1.5'));
      const plan = await run(['pricing', 'plan', changed, '-o', 'json']);
      expect(plan.code).toBe(10);
      const doc = json(plan);
      expect(doc.in_sync).toBe(false);
      expect(doc.items.find((i: { code: string }) => i.code === 'TOK').action).toBe('unchanged');
      const product = doc.items.find((i: { code: string }) => i.code === 'chat_api');
      expect(product.action).toBe('new-version');
      expect(product.changes).toEqual([{ path: 'prices[0].pricing[0].values[0].volume_rate', from: 1.25, to: 1.5 }]);
      expect(plan.stdout).toMatch(/"to": 1\.5\b/);
      const text = await run(['pricing', 'plan', changed]);
      expect(text.stdout).toContain('prices[0].pricing[0].values[0].volume_rate: 1.25 → 1.5');

      const second = await run(['pricing', 'apply', changed, '--yes', '-o', 'json']);
      expect(second.code, second.stderr).toBe(0);
      expect(json(second).applied).toMatchObject([{ kind: 'product', code: 'chat_api', method: 'POST', version: '2' }]);
      // Version 2 is published but not the default (no --make-default): new subscribers keep
      // version 1, so the plan still has a change (make-default) and apply sends nothing new.
      expect((await run(['pricing', 'plan', changed])).code).toBe(10);
      const again = await run(['pricing', 'apply', changed, '--yes', '-o', 'json']);
      expect(json(again).applied).toEqual([]);
      const got = json(await run(['products', 'get', 'chat_api', '-o', 'json']));
      expect(got.default_version).toBe(1);
      expect((await run(['pricing', 'plan', changed, '--make-default'])).code).toBe(10);
      expect((await run(['pricing', 'apply', changed, '--yes', '--make-default'])).code).toBe(0);
      expect(json(await run(['products', 'get', 'chat_api', '-o', 'json'])).default_version).toBe(2);
      expect((await run(['pricing', 'plan', changed, '--make-default'])).code).toBe(0);
    });

    it('a changed rate is add-rate; a changed precision needs a new asset and apply refuses', async () => {
      const env = fresh();
      const run = (args: string[]) => box.run(args, { env });
      await run(['pricing', 'apply', write('r1.yaml', CHAT), '--yes']);
      const rate = await run(['pricing', 'plan', write('r2.yaml', CHAT.replace('rate: 0.00001}', 'rate: 0.00003}')), '-o', 'json']);
      expect(rate.code).toBe(10);
      expect(json(rate).items[0]).toMatchObject({ code: 'TOK', action: 'add-rate', changes: [{ path: 'rates.USD', from: 0.00001, to: 0.00003 }] });
      const precision = write('r3.yaml', CHAT.replace('precision: 0', 'precision: 2'));
      const plan = await run(['pricing', 'plan', precision, '-o', 'json']);
      expect(json(plan).items[0]).toMatchObject({ action: 'replace', changes: [{ path: 'precision', from: 0, to: 2 }] });
      const refused = await run(['pricing', 'apply', precision, '--yes']);
      expect(refused.code).toBe(5);
      expect(refused.stderr).toMatch(/Nothing applied: the API cannot change asset TOK \(precision\) in place/);
    });

    it('--detailed-exitcode: 0 in sync, 2 changes, 1 error', async () => {
      const env = fresh();
      const run = (args: string[]) => box.run(args, { env });
      const file = write('d.yaml', CHAT);
      expect((await run(['pricing', 'plan', file, '--detailed-exitcode'])).code).toBe(2);
      await run(['pricing', 'apply', file, '--yes']);
      expect((await run(['pricing', 'plan', file, '--detailed-exitcode'])).code).toBe(0);
      expect((await run(['pricing', 'plan', write('e.yaml', 'assets: [\n'), '--detailed-exitcode'])).code).toBe(1);
    });

    it('apply asks at a terminal and applies on yes; declined, nothing is sent', async () => {
      const env = fresh();
      const file = write('ask.yaml', CHAT);
      const declined = await box.run(['pricing', 'apply', file], { env, tty: true, answers: [false] });
      expect(declined.asked).toEqual(['Apply 2 changes to profile local?']);
      expect(declined.stderr).toContain('Declined; nothing was changed.');
      expect((await box.run(['pricing', 'plan', file], { env })).code).toBe(10);
      const accepted = await box.run(['pricing', 'apply', file], { env, tty: true, answers: [true] });
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.asked).toEqual(['Apply 2 changes to profile local?']);
      expect((await box.run(['pricing', 'plan', file], { env })).code).toBe(0);
    });

    it('apply needs --yes when nobody can answer; --dry-run prints the requests with the key redacted', async () => {
      const env = fresh();
      const file = write('y.yaml', CHAT);
      const refused = await box.run(['pricing', 'apply', file], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--yes');
      const served = await serveInProcess(box);
      try {
        const remote = ['--base-url', served.url, '--api-key', served.apiKey];
        const dry = await box.run(['pricing', 'apply', file, '--dry-run', ...remote], { env });
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toContain(`POST ${served.url}/assets`);
        expect(dry.stdout).toContain('X-CREDYT-API-KEY: [redacted]');
        expect(dry.stdout).toContain('"volume_rate": 1.25');
        expect(dry.stdout).not.toContain(served.apiKey);
        // Nothing was sent.
        expect((await box.run(['pricing', 'plan', file, ...remote, '-o', 'json'], { env })).code).toBe(10);
        expect((await box.run(['pricing', 'apply', file, '--yes', ...remote], { env })).code).toBe(0);
        expect((await box.run(['pricing', 'plan', file, ...remote], { env })).code).toBe(0);
      } finally {
        await served.stop();
      }
    });
  });

  describe('pull', () => {
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

  describe('test', () => {
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

  describe('bad files: a clear error, exit 5, nothing applied', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'assets: [*f]',
      '',
    ].join('\n');
    const cases: [string, () => string, RegExp][] = [
      ['invalid YAML', () => 'assets:\n  - code: TOK\n   name: [\n', /:\d+: invalid YAML/],
      ['wrong types', () => 'assets: {code: TOK}\nproducts: 5\n', /assets: must be array/],
      ['unknown keys', () => 'asets: []\n', /unknown key "asets"/],
      ['a YAML bomb', () => bomb, /alias/i],
      ['a 50 MB file', () => 'assets: []\n# ' + 'x'.repeat(50 * 1024 * 1024) + '\n', /pricing files are limited to 4 MiB/],
    ];
    it.each(cases)('%s', async (_name, text, message) => {
      const env = fresh();
      const path = write('bad-file.yaml', text());
      for (const verb of [['validate'], ['plan'], ['apply', '--yes'], ['test', '--local']]) {
        const r = await box.run(['pricing', verb[0]!, path, ...verb.slice(1)], { env });
        expect(r.code, `${verb[0]}: ${r.stderr}`).toBe(5);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/unexpected/);
      }
      expect(json(await box.run(['assets', 'list', '-o', 'json'], { env })).items).toEqual([]);
      expect(json(await box.run(['products', 'list', '-o', 'json'], { env })).items).toEqual([]);
    });
  });
});
