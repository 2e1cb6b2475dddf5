import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32 } from './ids.js';
import type { Store } from './store.js';
import { isoText } from './time.js';

const HASHES = 'api key hashes';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A new key (160 random bits). Only its SHA-256 is stored; the key is shown once. */
export function createApiKey(store: Store): string {
  const key = `key_local_${base32(randomBytes(20), 32)}`;
  store.write(() =>
    store.stmt('INSERT INTO api_keys (key_hash, created_at) VALUES (?, ?)').run(sha256(key).toString('hex'), isoText(store.clock())),
  );
  store.forget(HASHES);
  return key;
}

/** Compares the key's hash with every stored hash in constant time, without stopping early. */
export function checkApiKey(store: Store, key: string): boolean {
  const presented = sha256(key);
  // Read once per process (and again after this process adds a key): every request asks.
  // A key another process adds later is found by the re-read a refusal triggers.
  const compare = (hashes: Buffer[]) => {
    let ok = false;
    for (const hash of hashes) ok = timingSafeEqual(presented, hash) || ok;
    return ok;
  };
  const read = () => (store.stmt('SELECT key_hash FROM api_keys').pluck().all() as string[]).map((h) => Buffer.from(h, 'hex'));
  if (compare(store.memo(HASHES, read))) return true;
  store.forget(HASHES);
  const ok = compare(store.memo(HASHES, read));
  return ok;
}
