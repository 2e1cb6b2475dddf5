import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32, newId } from '../../../src/engine/request/ids.js';

/** The BigInt form base32 replaced: the reference its output must equal. */
function reference(bytes: Uint8Array, chars: number): string {
  const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

describe('ids', () => {
  it('base32 writes what the BigInt form wrote, for ids, keys and secrets', () => {
    for (let i = 0; i < 2000; i++) {
      for (const [size, chars] of [[16, 26], [20, 32], [32, 52]] as const) {
        const bytes = randomBytes(size);
        expect(base32(bytes, chars)).toBe(reference(bytes, chars));
      }
    }
    expect(base32(new Uint8Array(16).fill(255), 26)).toBe('7' + 'z'.repeat(25));
  });

  it('newId is a UUIDv7 TypeID: time first, version 7, variant 10, all different', () => {
    const at = new Date('2026-12-05T12:00:00.123Z');
    const ids = Array.from({ length: 1000 }, () => newId('evt', at));
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(/^evt_[0-7][0-9a-hjkmnp-tv-z]{25}$/);
      let n = 0n;
      for (const c of id.slice(4)) n = (n << 5n) | BigInt('0123456789abcdefghjkmnpqrstvwxyz'.indexOf(c));
      expect(Number(n >> 80n)).toBe(at.getTime());
      expect(Number((n >> 76n) & 0xfn)).toBe(7);
      expect(Number((n >> 62n) & 0x3n)).toBe(2);
    }
    expect(newId('a', new Date(1)) < newId('a', new Date(2))).toBe(true);
  });
});
