import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { LosslessNumber, parseStoredJson } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';
import { canonicalJson } from '../../../src/json/canonical.js';
import { writeJsonIteratively, type JsonShape } from '../../../src/json/write-deep.js';

/** A small random JSON-ish value (Decimals, LosslessNumbers, undefined members, odd keys). */
function randomValue(seed: { n: number }, depth = 0): unknown {
  const next = () => (seed.n = (seed.n * 1103515245 + 12345) % 2147483648) / 2147483648;
  const kind = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0: return null;
    case 1: return next() < 0.5;
    case 2: return Math.floor(next() * 1e6) - 5e5;
    case 3: return `s${Math.floor(next() * 100)}"\\`;
    case 4: return new Decimal(`${Math.floor(next() * 1e6)}.${Math.floor(next() * 100)}0`);
    case 5: return new LosslessNumber(`${Math.floor(next() * 100)}.50`);
    case 6: return Array.from({ length: Math.floor(next() * 4) }, () => (next() < 0.1 ? undefined : randomValue(seed, depth + 1)));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i > 0; i--) out[`k${Math.floor(next() * 9)}/~é`] = next() < 0.1 ? undefined : randomValue(seed, depth + 1);
      return out;
    }
  }
}

/** `value` inside `levels` arrays and objects, alternately. */
function wrap(value: unknown, levels: number): { value: unknown; open: string; close: string } {
  let out = value;
  for (let i = 0; i < levels; i++) out = i % 2 ? [out] : { z: out };
  let open = '';
  let close = '';
  for (let i = levels - 1; i >= 0; i--) {
    open += i % 2 ? '[' : '{"z":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return { value: out, open, close };
}

describe('writers past their recursion depth', () => {
  it('write the same text iteratively as recursively', () => {
    const seed = { n: 7 };
    for (let round = 0; round < 300; round++) {
      const value = randomValue(seed);
      if (value === undefined) continue;
      const { value: deep, open, close } = wrap(value, 450);
      expect(stringifyJson(deep)).toBe(open + stringifyJson(value) + close);
      expect(canonicalJson(deep)).toBe(open + canonicalJson(value) + close);
    }
  });

  it('stringifyJson writes values too deep for lossless-json, indented or not', () => {
    const { value, open, close } = wrap({ a: [new Decimal('1.50'), 'x', undefined], b: {} }, 20_000);
    expect(stringifyJson(value)).toBe(`${open}{"a":[1.5,"x",null],"b":{}}${close}`);
  });

  it('indents as JSON.stringify does', () => {
    const plain = (v: unknown): JsonShape =>
      v !== null && typeof v === 'object'
        ? Array.isArray(v)
          ? { items: v }
          : { members: Object.entries(v as object) }
        : { leaf: v === undefined ? undefined : JSON.stringify(v) };
    const seed = { n: 11 };
    for (let round = 0; round < 200; round++) {
      const value = JSON.parse(JSON.stringify(randomValue(seed)) ?? 'null');
      expect(writeJsonIteratively(value, plain, '  ')).toBe(JSON.stringify(value, null, 2));
      expect(writeJsonIteratively(value, plain)).toBe(JSON.stringify(value));
    }
  });

  it('parseStoredJson reads any depth, numbers as Decimals', () => {
    const text = '['.repeat(50_000) + '{"n":1.50}' + ']'.repeat(50_000);
    let value = parseStoredJson(text);
    for (let i = 0; i < 50_000; i++) value = (value as unknown[])[0];
    expect((value as { n: Decimal }).n).toBeInstanceOf(Decimal);
    expect(stringifyJson(parseStoredJson(text))).toBe(text.replace('1.50', '1.5'));
  });
});
