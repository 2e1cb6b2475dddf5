import { describe, expect, it } from 'vitest';
import { isDecimal } from '../../../src/money/decimal.js';
import { parsePricingText, PricingFileError } from '../../../src/pricing/load.js';
import { schemaProblems } from '../../../src/pricing/schema.js';
import { checkPricingFile } from '../../../src/pricing/validate.js';
import type { PricingFile } from '../../../src/pricing/model.js';
import { pulledDocument, pulledText } from '../../../src/pricing/pull.js';
import { LosslessNumber } from '../../../src/json/parse.js';
import { junitXml } from '../../../src/pricing/junit.js';
import { assertWellFormedXml } from '../../helpers/xml.js';

function problems(text: string) {
  const loaded = parsePricingText(text, 'f.yaml');
  const schema = schemaProblems(loaded);
  if (schema.length > 0) return schema;
  const data = loaded.data as Partial<PricingFile>;
  return checkPricingFile({ assets: data.assets ?? [], products: data.products ?? [], tests: data.tests ?? [] }, loaded);
}

describe('loading a pricing file', () => {
  it('numbers are Decimals from their source digits, YAML and JSON alike', () => {
    const yaml = parsePricingText('assets:\n  - {code: T, name: T, precision: 0, rates: [{source: USD, rate: 0.000000000000000001}]}\n', 'f.yaml');
    const rate = (yaml.data as PricingFile).assets[0]!.rates![0]!.rate!;
    expect(isDecimal(rate)).toBe(true);
    expect(rate.toFixed()).toBe('0.000000000000000001');
    const json = parsePricingText('{\n\t"assets": [{"code": "T", "name": "T", "precision": 0, "rates": [{"source": "USD", "rate": 12345678901234567.89}]}]\n}', 'f.json');
    expect((json.data as PricingFile).assets[0]!.rates![0]!.rate!.toFixed()).toBe('12345678901234567.89');
  });

  it('lines point at the value, or at the key for an unknown key', () => {
    const found = problems('assets:\n  - code: TOK\n    name: T\n    precision: 0\n    colour: red\n');
    expect(found).toEqual([expect.objectContaining({ line: 5, message: 'assets[0].colour: unknown key "colour"' })]);
  });

  it('an empty file and a list at the top are explained', () => {
    expect(problems('# nothing yet\n')[0]!.message).toBe('the file is empty: declare assets, products and/or tests');
    expect(problems('- a\n')[0]!.message).toBe('the top level must be a mapping of assets, products and tests');
  });

  it('.inf and .nan are refused', () => {
    expect(() => parsePricingText('assets:\n  - {code: T, name: T, precision: .inf}\n', 'f.yaml')).toThrow(PricingFileError);
  });

  it('a YAML bomb is refused by the alias limit', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
    expect(() => parsePricingText(bomb, 'f.yaml')).toThrow(/alias/i);
  });

  it('a price value finer than 18 places and a fixed fee finer than its asset are problems', () => {
    const found = problems(
      'products:\n  - code: p\n    name: P\n    prices:\n      - type: usage_based\n        usage_calculation: {event_type: e, usage_type: unit}\n        pricing: [{asset: USD, values: [{unit_price: 0.0000000000000000001}]}]\n',
    );
    expect(found[0]).toMatchObject({ line: 7 });
    expect(found[0]!.message).toMatch(/more than 18 decimal places/);
  });

  it('tests: exactly one of quote or simulate, expectations that fit them', () => {
    const found = problems(
      'assets:\n  - {code: T, name: T, precision: 0}\ntests:\n  - name: a\n    expect: {quantity: 1}\n  - name: b\n    quote: {asset: T, source: USD, amount: 1}\n    expect: {quantity: 1.5}\n',
    );
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [4, 'tests[0]: give exactly one of quote or simulate'],
      [8, 'tests[1].expect.quantity: 1.5 has 1 decimal places; T has precision 0'],
    ]);
  });
});

describe('pull', () => {
  const live = {
    assets: [
      {
        code: 'THIRD',
        name: 'Thirds',
        label: null,
        symbol: null,
        precision: new LosslessNumber('2'),
        rates: [{ source: 'USD', rate: new LosslessNumber('0.333333333333333333'), inverse_rate: new LosslessNumber('3'), effective_at: '2026-01-01T00:00:00Z' }],
        scheduled_rates: [],
      },
    ],
    products: [],
  };

  it('keeps the exact side of a rate whose reciprocal does not terminate', () => {
    const text = pulledText(pulledDocument(live), 'yaml');
    expect(text).toContain('inverse_rate: 3');
    expect(text).not.toContain('0.3333');
    expect(text).not.toContain('label');
  });

  it('round-trips through the loader', () => {
    const loaded = parsePricingText(pulledText(pulledDocument(live), 'yaml'), 'pulled.yaml');
    expect(schemaProblems(loaded)).toEqual([]);
  });
});

describe('JUnit XML', () => {
  it('escapes names and messages and is well-formed', () => {
    const xml = junitXml('a&b.yaml', [
      { name: '<1M> "tokens" & more', kind: 'simulate', status: 'failed', expected: 'total USD 1', actual: 'total USD 2', seconds: 0.01 },
      { name: 'ok', kind: 'quote', status: 'passed', expected: 'quantity 1', actual: 'quantity 1', seconds: 0 },
      { name: 'later', kind: 'quote', status: 'skipped', expected: '', actual: '', message: 'needs --local', seconds: 0 },
    ], new Date('2026-01-01T00:00:00Z'));
    assertWellFormedXml(xml);
    expect(xml).toContain('tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('name="&lt;1M&gt; &quot;tokens&quot; &amp; more"');
  });
});
