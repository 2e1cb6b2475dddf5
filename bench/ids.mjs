// Event ids as the benchmarks send them: random (UUIDv4, what many clients send) or
// time-ordered (UUIDv7-shaped, as `credyt usage post` makes them since its ids became
// time-ordered: a file's ids sort as its times do).
import { randomBytes, randomUUID } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/** A UUIDv7 (RFC 9562 §5.7): 48 bits of Unix ms, then random bits; a counter keeps one ms's ids in order. */
export function uuidV7() {
  const ms = Date.now();
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  const hex = ms.toString(16).padStart(12, '0') + (0x7000 | (counter & 0xfff)).toString(16) + randomBytes(8).toString('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id maker of an `ordered` or `random` run. */
export function idMaker(kind) {
  if (kind === 'ordered') return uuidV7;
  if (kind === 'random') return randomUUID;
  throw new Error(`ids: ${kind} is not ordered or random`);
}
