import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Root of every namespace credyt derives ids in (the v5 UUID of the URL namespace and "https://credyt.ai/cli/ids"). */
export const CREDYT_NAMESPACE = '93462058-3c1b-5e80-8ff1-167fd6ec271f';

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

function bytesOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/**
 * RFC 9562 §5.5 UUID version 5: SHA-1 of the namespace's 16 bytes and the name, with the
 * version and variant bits set. node:crypto does it in one hash; no dependency needed.
 */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The namespace of `--id-namespace`: a UUID as is, any other text turned into one (so a
 * project name or a date works), the built-in one when absent.
 */
export function idNamespace(value: string | undefined): string {
  if (value === undefined) return CREDYT_NAMESPACE;
  return isUuid(value) ? value.toLowerCase() : uuidV5(CREDYT_NAMESPACE, `namespace:${value}`);
}
