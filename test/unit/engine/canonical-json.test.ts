import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256 } from '../../../src/engine/canonical-json.js';
import { Decimal } from '../../../src/money/decimal.js';

/**
 * Stored events and adjustments keep the SHA-256 of this text: a replay must hash the
 * same forever, or it turns from `duplicate` into `conflict`. The expected texts and
 * digests below were produced by the implementation of commit c38bf8b (before its fast
 * path) and must never change.
 */
describe('canonicalJson and sha256 (idempotency hashes)', () => {
  it('writes what the first implementation wrote', () => {
    const event = [
      'cust_01',
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      'response_completed',
      null,
      null,
      null,
      {
        output_tokens: 250,
        input_tokens: new Decimal('1000.0'),
        model: 'gpt-x',
        z: undefined,
        neg: -0,
        big: new Decimal('123456789012345678901234567890.5'),
        t: true,
        n: null,
        nested: { b: [1, 'x', { d: 2, c: 1 }], a: 'é"\\' },
      },
      [],
    ];
    const text =
      '["cust_01","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","response_completed",null,null,null,' +
      '{"big":123456789012345678901234567890.5,"input_tokens":1000,"model":"gpt-x","n":null,"neg":0,' +
      '"nested":{"a":"é\\"\\\\","b":[1,"x",{"c":1,"d":2}]},"output_tokens":250,"t":true},[]]';
    expect(canonicalJson(event)).toBe(text);
    expect(sha256(text)).toBe('b6c37dc1b96b7633497416a57ec7883c88856fc696179627fdf47695640e9c13');

    const numbers = [1, 1.5, -0, 0, 9007199254740991, -9007199254740991, 1e21, 0.1, new Decimal('-0'), new Decimal('1e-7'), NaN, undefined, null];
    const written = '[1,1.5,0,0,9007199254740991,-9007199254740991,1000000000000000000000,0.1,0,0.0000001,null,null,null]';
    expect(canonicalJson(numbers)).toBe(written);
    expect(sha256(written)).toBe('5bdb8afb5a65f00f8ec49df5523ea5b090cb989676df1e0933d3d90fec6b8572');
  });

  it('hashes a number and its Decimal alike (usage events read small integers as numbers)', () => {
    for (const n of [0, 7, -12, 123456789012345]) {
      expect(canonicalJson({ v: n })).toBe(canonicalJson({ v: new Decimal(String(n)) }));
    }
  });

  it('digests as createHash does', () => {
    for (const text of ['', 'x', 'é€😀', 'a'.repeat(10_000)]) {
      expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});
