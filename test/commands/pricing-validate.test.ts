import { describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { CHAT, pricingSandbox } from './pricing-fixture.js';

const box = pricingSandbox();
const { write, fresh } = box;

describe('pricing validate', () => {
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

describe('pricing: bad files: a clear error, exit 5, nothing applied', () => {
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
