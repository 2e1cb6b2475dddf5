import * as crypto from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Root of every namespace credyt derives ids in (the v5 UUID of the URL namespace and "https://credyt.ai/cli/ids"). */
export const CREDYT_NAMESPACE = '93462058-3c1b-5e80-8ff1-167fd6ec271f';

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

// One-shot hashing (Node ≥ 20.12) skips the Hash object a bulk run would make per line.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/** Namespace bytes and a prefix's UTF-8, then the name's: rewritten per call, no buffer per line. */
let scratch = Buffer.allocUnsafeSlow(4096);
let scratchNamespace = '';
let scratchPrefix = '';
/** Bytes of namespace and prefix at the start of `scratch`. */
let scratchHead = 16;

/**
 * The SHA-1 of a version 5 UUID, as 40 hex digits: of the namespace's 16 bytes and the
 * UTF-8 of `prefix` and `name` (a bulk run's kind line stays written between calls).
 */
export function v5Hash(namespace: string, name: string, prefix = ''): string {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  const room = 16 + (prefix.length + name.length) * 3;
  if (room > scratch.length) {
    scratch = Buffer.allocUnsafeSlow(Math.max(room, scratch.length * 2));
    scratchNamespace = '';
  }
  if (namespace !== scratchNamespace || prefix !== scratchPrefix) {
    scratch.write(namespace.replace(/-/g, ''), 0, 16, 'hex');
    scratchHead = 16 + scratch.write(prefix, 16, 'utf8');
    scratchNamespace = namespace;
    scratchPrefix = prefix;
  }
  const end = scratchHead + scratch.write(name, scratchHead, 'utf8');
  if (oneShot) return oneShot('sha1', scratch.subarray(0, end), 'hex');
  return crypto.createHash('sha1').update(scratch.subarray(0, end)).digest('hex');
}

/** RFC 9562 variant bits (10xx) over the low 2 bits of a hex digit, by the digit's value. */
const VARIANT = '89ab89ab89ab89ab';

/** The variant digit of a hash's hex digit `digit` (its low 2 bits under 10xx). */
export function variantDigit(digit: string): string {
  return VARIANT[Number.parseInt(digit, 16)]!;
}

/** A v5Hash as the UUID's text: hex digits 0–31, version 5 at 12 and the variant at 16. */
export function v5Text(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variantDigit(hex[16]!)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * RFC 9562 §5.5 UUID version 5: SHA-1 of the namespace's 16 bytes and the name, with the
 * version and variant bits set. node:crypto does it in one hash; no dependency needed.
 */
export function uuidV5(namespace: string, name: string): string {
  return v5Text(v5Hash(namespace, name));
}

/**
 * The namespace of `--id-namespace`: a UUID as is, any other text turned into one (so a
 * project name or a date works), the built-in one when absent.
 */
export function idNamespace(value: string | undefined): string {
  if (value === undefined) return CREDYT_NAMESPACE;
  return isUuid(value) ? value.toLowerCase() : uuidV5(CREDYT_NAMESPACE, `namespace:${value}`);
}
