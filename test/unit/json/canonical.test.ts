import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonString, sha256 } from '../../../src/json/canonical.js';
import { setMember } from '../../../src/json/own-member.js';
import { LosslessNumber } from '../../../src/json/parse.js';
import { Decimal } from '../../../src/money/decimal.js';
// The two forms it replaces, compared while both still exist.

/** Values both the engine (request bodies) and a bulk run (input lines) may write. */
function corpus(): Record<string, unknown> {
  const proto = {};
  setMember(proto, '__proto__', { x: 1 });
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [1, , 3];
  return {
    'key order': { b: 1, a: 2, A: 3, 10: 5, 2: 6, '': 7, 'a b': 8, '\u00e9': 9, Z: 10, '~': 11, '😀': 12, '\uff21': 13 },
    'unicode strings': ['é"\\', '\u2028\u2029', '😀', '\ud800', '\u0000\u001f\u007f', '\t\n\r\b\f', '</script>', 'ĳ€'],
    'minus zero': [-0, 0, new Decimal('-0'), new Decimal('-0.000'), new Decimal('0e10'), { z: -0 }],
    'big exponents': [new Decimal('1e+30'), new Decimal('1.5e-30'), new Decimal('-9.99e+100'), new Decimal('1e-7'), new Decimal('123e-2')],
    decimals: [new Decimal('1.50'), new Decimal('0.000'), new Decimal('123456789012345678901234567890.123456789'), new Decimal('-0.1000'), new Decimal('1000.0')],
    'plain numbers': [0.1, 1.5, -12, 123456789012345, 9007199254740991, -9007199254740991, 0.000001, 2.5, 1234567.125, 0.3, NaN, Infinity, -Infinity],
    'nested arrays': [[[]], [null, [1, [2.5, ['x', [new Decimal('7.70'), [{ b: [], a: {} }]]]]]], sparse, [undefined, null]],
    'undefined members': { a: undefined, b: null, c: { d: undefined }, e: [undefined] },
    '__proto__ member': proto,
    literals: [true, false, null, '', 'null', '1'],
    'event hash input': [
      'cust_01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'response_completed', null, null, null,
      { output_tokens: 250, input_tokens: new Decimal('1000.0'), nested: { b: [1, 'x', { d: 2, c: 1 }], a: 'é' } },
      [{ amount: new Decimal('0.0015'), asset: 'USD' }],
    ],
  };
}

/** Values only the engine writes: a bulk line never holds an exponent-form number as a JS number. */
function engineOnly(): Record<string, unknown> {
  return {
    'exponent doubles': [1e21, 1.5e300, 5e-7, 1e-7, -1e22, 0.1 + 0.2],
    'top-level undefined': undefined,
  };
}

/**
 * The texts the engine's and the bulk pipeline's canonical forms wrote (identical on the
 * corpus) before they were merged: hashed into stored requests and derived ids, they
 * must never change.
 */
const PINNED: Record<string, string> = {
  'key order': '{"":7,"10":5,"2":6,"A":3,"Z":10,"a":2,"a b":8,"b":1,"~":11,"\u00e9":9,"😀":12,"\uff21":13}',
  'unicode strings': '["\u00e9\\"\\\\","\u2028\u2029","😀","\\ud800","\\u0000\\u001f\u007f","\\t\\n\\r\\b\\f","</script>","\u0133\u20ac"]',
  'minus zero': '[0,0,0,0,0,{"z":0}]',
  'big exponents': '[1000000000000000000000000000000,0.0000000000000000000000000000015,-99900000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,0.0000001,1.23]',
  'decimals': '[1.5,0,123456789012345678901234567890.123456789,-0.1,1000]',
  'plain numbers': '[0.1,1.5,-12,123456789012345,9007199254740991,-9007199254740991,0.000001,2.5,1234567.125,0.3,null,null,null]',
  'nested arrays': '[[[]],[null,[1,[2.5,["x",[7.7,[{"a":{},"b":[]}]]]]]],[1,null,3],[null,null]]',
  'undefined members': '{"b":null,"c":{},"e":[null]}',
  '__proto__ member': '{"__proto__":{"x":1}}',
  'literals': '[true,false,null,"","null","1"]',
  'event hash input': '["cust_01","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","response_completed",null,null,null,{"input_tokens":1000,"nested":{"a":"\u00e9","b":[1,"x",{"c":1,"d":2}]},"output_tokens":250},[{"amount":0.0015,"asset":"USD"}]]',
  'exponent doubles': '[1000000000000000000000,1500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000,0.0000005,0.0000001,-10000000000000000000000,0.30000000000000004]',
  'top-level undefined': 'null',
};

describe('canonicalJson: the bytes of request hashes and derived ids', () => {
  it('writes the pinned texts', () => {
    for (const [name, value] of Object.entries({ ...corpus(), ...engineOnly() })) {
      expect(canonicalJson(value), name).toBe(PINNED[name]);
    }
    expect(Object.keys(PINNED)).toHaveLength(Object.keys({ ...corpus(), ...engineOnly() }).length);
  });

  it('writes a LosslessNumber as its shortest exact number, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: new LosslessNumber('1.50'), b: [new LosslessNumber('-0'), new LosslessNumber('1e3')] })).toBe('{"a":1.5,"b":[0,1000]}');
    for (const bad of [() => 1, Symbol('s'), 10n]) expect(() => canonicalJson({ bad })).toThrow(TypeError);
  });

  it('writes what the first implementation wrote (stored hashes of commit c38bf8b)', () => {
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
    for (const n of [0, 7, -12, 123456789012345, 1.5, 0.000001]) {
      expect(canonicalJson({ v: n })).toBe(canonicalJson({ v: new Decimal(String(n)) }));
    }
  });

  it('digests as createHash does', () => {
    for (const text of ['', 'x', 'é€😀', 'a'.repeat(10_000)]) {
      expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

describe('jsonString', () => {
  it('is JSON.stringify of every code unit, alone and among others, and of whole texts', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      for (const text of [unit, `ab${unit}`, `${unit}cd`, `a${unit}\ud83d\ude00`]) {
        if (jsonString(text) !== JSON.stringify(text)) differ.push(c);
      }
    }
    expect(differ).toEqual([]);
    for (const text of ['', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2026-12-05T20:21:48.123Z', 'é"\\', '</script>', '\ud800\udc00', '\udc00\ud800', 'x'.repeat(10_000)]) {
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }
  });
});

describe('canonicalJson key order', () => {
  it('sorts any number of keys as Array#sort does, integer-like and astral ones too', () => {
    const alphabet = ['a', 'B', 'é', '0', '1', '9', '10', '_', ' ', '\ud83d\ude00', '\uff21', '\ud800', '~', 'aa', 'a0', '\u0000'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 400; round++) {
      const record: Record<string, string> = {};
      const size = next(24);
      for (let i = 0; i < size; i++) {
        const key = Array.from({ length: 1 + next(3) }, () => alphabet[next(alphabet.length)]).join('');
        setMember(record, key, `v${i}`);
      }
      const expected = `{${Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${JSON.stringify(record[key])}`)
        .join(',')}}`;
      expect(canonicalJson(record)).toBe(expected);
    }
  });
});
