import { randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Lower-case Crockford base32 of a big-endian byte string, `chars` characters long (the
 * last character holds the lowest 5 bits; bits beyond the bytes read as 0). Read 5 bits at
 * a time with plain numbers: the BigInt arithmetic it replaces cost ~5 µs per id.
 */
export function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  for (let k = chars - 1; k >= 0; k--) {
    let value = 0;
    for (let b = 4; b >= 0; b--) {
      const bit = k * 5 + b;
      const byte = bytes.length - 1 - (bit >> 3);
      value = (value << 1) | (byte >= 0 ? (bytes[byte]! >> (bit & 7)) & 1 : 0);
    }
    out += CROCKFORD[value];
  }
  return out;
}

/**
 * Random bytes for ids, drawn from a pool filled 4 KiB at a time, as crypto.randomUUID
 * does: one randomBytes(16) call per id cost ~8 µs, two per recorded webhook event.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomId16(): Uint8Array {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = new Uint8Array(16);
  bytes.set(pool.subarray(used, used + 16));
  used += 16;
  return bytes;
}

/**
 * A TypeID (`cust_01h…`): the prefix and the 26-character base32 form of a UUIDv7. The
 * leading 48 bits are the clock's milliseconds, so ids sort by creation and B-tree inserts
 * stay local.
 */
export function newId(prefix: string, now: Date): string {
  const bytes = randomId16();
  let ms = Math.max(0, now.getTime());
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `${prefix}_${base32(bytes, 26)}`;
}
