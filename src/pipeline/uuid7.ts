import { randomBytes } from 'node:crypto';
import { variantDigit } from './uuid5.js';

/** The largest Unix time in milliseconds that 48 bits hold (the year 10889). */
const MAX_MS = 2 ** 48 - 1;

/** Unix milliseconds as the 12 hex digits of a time-ordered UUID (before 1970: 0). */
function msHex(ms: number): string {
  const clamped = Math.min(Math.max(Math.floor(ms), 0), MAX_MS);
  return clamped.toString(16).padStart(12, '0');
}

/** 32 hex digits, the version nibble at 12 and the variant at 16, as a UUID's text. */
function format(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * RFC 9562 §5.7 UUID version 7: 48 bits of Unix milliseconds, then 74 random bits. Ids
 * made later sort later, so the engine's event-id index grows at its end instead of
 * being written all over (the id of one `usage post`).
 */
export function uuidV7(at: Date): string {
  const random = randomBytes(10).toString('hex');
  return format(`${msHex(at.getTime())}7${random.slice(0, 3)}${variantDigit(random[3]!)}${random.slice(4, 19)}`);
}

/**
 * RFC 9562 §5.8 UUID version 8 made of a time and a content id: 48 bits of Unix
 * milliseconds (the line's `occurred_at`), then 74 hash bits of `contentId`, a version 5
 * UUID (its hex digits 0–11, 13–15 and 17–19, and 2 bits of 16). The same line gives the
 * same id, and a file's ids sort as its times do.
 */
export function timedId(ms: number, contentId: string): string {
  // The UUID's 32 digits are the hash's but for 12 (the version) and 16 (the variant over
  // the hash digit's low 2 bits): timedIdOfHash reads neither of them from the hash.
  return timedIdOfHash(ms, contentId.replace(/-/g, ''));
}

/** Two hex digits of each byte value. */
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * The first 8 of msHex's digits for the last time seen, by its milliseconds / 2^16: the
 * lines of a file mostly fall in the same 65 s, so only the last 4 digits are written anew.
 */
let highOf = -1;
let highHex = '';

/**
 * timedId of the version 5 UUID whose SHA-1 is `hex` (v5Hash), built from the hash's
 * digits straight away, without that UUID's text: hex digits 0–11, 13–15 and 17–19, and the
 * low 2 bits of 16 under the variant bits.
 */
export function timedIdOfHash(ms: number, hex: string): string {
  const clamped = Math.min(Math.max(Math.floor(ms), 0), MAX_MS);
  const low = clamped % 65536;
  const high = (clamped - low) / 65536;
  if (high !== highOf) {
    highHex = high.toString(16).padStart(8, '0');
    highOf = high;
  }
  return `${highHex}-${BYTE_HEX[low >> 8]}${BYTE_HEX[low & 255]}-8${hex.slice(0, 3)}-${variantDigit(hex[16]!)}${hex.slice(3, 6)}-${hex.slice(6, 12)}${hex.slice(13, 16)}${hex.slice(17, 20)}`;
}
