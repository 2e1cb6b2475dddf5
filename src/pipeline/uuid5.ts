import * as crypto from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Root of every namespace credyt derives ids in (the v5 UUID of the URL namespace and "https://credyt.ai/cli/ids"). */
export const CREDYT_NAMESPACE = '93462058-3c1b-5e80-8ff1-167fd6ec271f';

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

// One-shot hashing (Node ≥ 20.12) skips the Hash object a bulk run would make per line.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

/** Namespace bytes followed by the name's UTF-8, rewritten per call: no buffer per line. */
let scratch = Buffer.allocUnsafeSlow(4096);
let scratchNamespace = '';

function sha1Hex(namespace: string, name: string): string {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  const room = 16 + name.length * 3;
  if (room > scratch.length) {
    scratch = Buffer.allocUnsafeSlow(Math.max(room, scratch.length * 2));
    scratchNamespace = '';
  }
  if (namespace !== scratchNamespace) {
    scratch.write(namespace.replace(/-/g, ''), 0, 16, 'hex');
    scratchNamespace = namespace;
  }
  const end = 16 + scratch.write(name, 16, 'utf8');
  if (oneShot) return oneShot('sha1', scratch.subarray(0, end), 'hex');
  return crypto.createHash('sha1').update(scratch.subarray(0, end)).digest('hex');
}

const VARIANT = '89ab89ab89ab89ab';

/**
 * RFC 9562 §5.5 UUID version 5: SHA-1 of the namespace's 16 bytes and the name, with the
 * version and variant bits set. node:crypto does it in one hash; no dependency needed.
 */
export function uuidV5(namespace: string, name: string): string {
  const hex = sha1Hex(namespace, name);
  const variant = VARIANT[Number.parseInt(hex[16]!, 16)]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The namespace of `--id-namespace`: a UUID as is, any other text turned into one (so a
 * project name or a date works), the built-in one when absent.
 */
export function idNamespace(value: string | undefined): string {
  if (value === undefined) return CREDYT_NAMESPACE;
  return isUuid(value) ? value.toLowerCase() : uuidV5(CREDYT_NAMESPACE, `namespace:${value}`);
}
