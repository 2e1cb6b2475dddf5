import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** Lower-case Crockford base32 of a big-endian byte string, `chars` characters long. */
export function base32(bytes: Uint8Array, chars: number): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

/**
 * A TypeID (`cust_01h…`): the prefix and the 26-character base32 form of a UUIDv7. The
 * leading 48 bits are the clock's milliseconds, so ids sort by creation and B-tree inserts
 * stay local.
 */
export function newId(prefix: string, now: Date): string {
  const bytes = randomBytes(16);
  let ms = BigInt(Math.max(0, now.getTime()));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = Number(ms & 0xffn);
    ms >>= 8n;
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return `${prefix}_${base32(bytes, 26)}`;
}
