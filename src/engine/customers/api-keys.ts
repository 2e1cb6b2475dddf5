import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { conflict, notFound } from '../request/errors.js';
import { base32 } from '../request/ids.js';
import { postEntry } from '../ledger/journal.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';

const HASHES = 'api key hashes';
const KEY_PREFIX = 'key_local_';
/** Random characters kept to tell keys apart: 6 of 32 (30 of 160 bits). */
const SHOWN = 6;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A key as `credyt local keys list` shows it: never the key itself. */
export interface ApiKeyView {
  id: number;
  /** `key_local_abc123…`; null for a key made before prefixes were kept. */
  prefix: string | null;
  created_at: string;
  revoked_at: string | null;
}

interface KeyRow extends ApiKeyView {
  key_hash: string;
}

/**
 * A new key (160 random bits). Only its SHA-256 and a short prefix are stored; the key is
 * shown once. An `api_key_created` journal entry records it (verify checks every key has one).
 */
export function createApiKey(store: Store): string {
  const key = `${KEY_PREFIX}${base32(randomBytes(20), 32)}`;
  const keyHash = sha256(key).toString('hex');
  store.write(() => {
    store
      .stmt('INSERT INTO api_keys (key_hash, prefix, created_at) VALUES (?, ?, ?)')
      .run(keyHash, `${key.slice(0, KEY_PREFIX.length + SHOWN)}…`, isoText(store.clock()));
    postEntry(store, { kind: 'api_key_created', reference: keyHash, postings: [] });
  });
  store.forget(HASHES);
  return key;
}

export function listApiKeys(store: Store): ApiKeyView[] {
  return store.stmt('SELECT seq AS id, prefix, created_at, revoked_at FROM api_keys ORDER BY seq').all() as ApiKeyView[];
}

/** The key named by its id, its prefix as listed (with or without the `…`) or the key itself. */
function findKey(store: Store, ref: string): KeyRow {
  const rows = store.stmt('SELECT seq AS id, key_hash, prefix, created_at, revoked_at FROM api_keys ORDER BY seq').all() as KeyRow[];
  const text = ref.trim().replace(/…$/, '');
  const hash = sha256(text).toString('hex');
  const found = rows.filter(
    (r) => String(r.id) === text || r.key_hash === hash || (r.prefix !== null && text.length > KEY_PREFIX.length && r.prefix.startsWith(text)),
  );
  if (found.length === 0) throw notFound('API key', ref);
  if (found.length > 1) throw conflict(`${ref} matches ${found.length} keys (${found.map((r) => r.id).join(', ')}); give the id`);
  return found[0] as KeyRow;
}

/** Revokes a key: it stops working at once, here and in any server on the file; an `api_key_revoked` entry records it. */
export function revokeApiKey(store: Store, ref: string): ApiKeyView {
  const view = store.write(() => {
    const row = findKey(store, ref);
    if (row.revoked_at !== null) throw conflict(`API key ${row.id} was already revoked at ${row.revoked_at}`);
    const at = isoText(store.clock());
    store.stmt('UPDATE api_keys SET revoked_at = ? WHERE seq = ?').run(at, row.id);
    postEntry(store, { kind: 'api_key_revoked', reference: row.key_hash, postings: [] });
    return { id: row.id, prefix: row.prefix, created_at: row.created_at, revoked_at: at };
  });
  store.forget(HASHES);
  return view;
}

let reads = 0;

/**
 * The live keys' hashes, read once and again whenever another connection has committed
 * (`PRAGMA data_version`, one cheap statement) or this one made or revoked a key, so a
 * key revoked by `credyt local keys revoke` stops working in a running server at once.
 * `epoch` changes with every read: a caller that remembers a key it proved (the server,
 * per connection) asks again when it changes.
 */
function liveKeys(store: Store): { epoch: number; hashes: Buffer[] } {
  const version = (store.stmt('PRAGMA data_version').get() as { data_version: number }).data_version;
  const read = () => ({
    version,
    epoch: ++reads,
    hashes: (store.stmt('SELECT key_hash FROM api_keys WHERE revoked_at IS NULL').pluck().all() as string[]).map((h) => Buffer.from(h, 'hex')),
  });
  const known = store.memo(HASHES, read);
  if (known.version === version) return known;
  store.forget(HASHES);
  return store.memo(HASHES, read);
}

/** Changes whenever the set of live keys may have: see liveKeys. */
export function apiKeysEpoch(store: Store): number {
  return liveKeys(store).epoch;
}

/** Compares the key's hash with every live key's hash in constant time, without stopping early. */
export function checkApiKey(store: Store, key: string): boolean {
  const presented = sha256(key);
  let ok = false;
  for (const hash of liveKeys(store).hashes) ok = timingSafeEqual(presented, hash) || ok;
  return ok;
}
