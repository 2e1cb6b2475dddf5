import { describe, expect, it } from 'vitest';
import { CREDYT_NAMESPACE, idNamespace, uuidV5 } from '../../../src/pipeline/uuid5.js';
import { canonicalJson } from '../../../src/json/canonical.js';
import { parseJsonDecimal } from '../../../src/json/parse.js';

describe('uuidV5', () => {
  it('matches the RFC example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('the built-in namespace is the v5 id of its URL', () => {
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://credyt.ai/cli/ids')).toBe(CREDYT_NAMESPACE);
  });

  it('--id-namespace: a UUID as is, any text hashed into one, nothing the default', () => {
    expect(idNamespace(undefined)).toBe(CREDYT_NAMESPACE);
    expect(idNamespace('0F6C2D1E-4B7A-4F0E-9C3B-8D2A1E5F7C90')).toBe('0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90');
    expect(idNamespace('billing-2026-11')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idNamespace('billing-2026-11')).not.toBe(idNamespace('billing-2026-12'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops undefined and writes numbers in their shortest exact form', () => {
    const a = parseJsonDecimal('{"b":1.50,"a":{"y":true,"x":[1e3,null]},"c":"s"}');
    const b = parseJsonDecimal('{"c":"s","a":{"x":[1000,null],"y":true},"b":1.5}');
    expect(canonicalJson(a)).toBe('{"a":{"x":[1000,null],"y":true},"b":1.5,"c":"s"}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson({ a: undefined, b: 0.1 })).toBe('{"b":0.1}');
  });

  it('keeps every digit of an amount beyond float precision', () => {
    expect(canonicalJson(parseJsonDecimal('{"v":0.30000000000000000001}'))).toBe('{"v":0.30000000000000000001}');
  });
});
