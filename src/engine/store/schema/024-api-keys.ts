import type { Db } from '../db.js';
import { entryHash, GENESIS, HEAD_KEY, headText } from '../../ledger/journal-chain.js';
import type { Clock } from '../../request/time.js';

/**
 * Version 24: API keys can be listed and revoked (`credyt local keys`), and
 * each one is recorded by a journal entry (`api_key_created`, then `api_key_revoked`;
 * no postings, reference = the key's hash), so a row added to `api_keys` by hand has no
 * record and verify names it. A key keeps a short prefix for people to tell keys apart
 * (6 of its 32 random characters: 30 of 160 bits). Keys are revoked, never deleted.
 */
export const apiKeysSchema = `
ALTER TABLE api_keys ADD COLUMN prefix TEXT;
ALTER TABLE api_keys ADD COLUMN revoked_at TEXT;
CREATE TRIGGER api_keys_identity_immutable BEFORE UPDATE ON api_keys
WHEN NEW.seq IS NOT OLD.seq OR NEW.key_hash IS NOT OLD.key_hash OR NEW.prefix IS NOT OLD.prefix OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'an API key is immutable; it can only be revoked'); END;
CREATE TRIGGER api_keys_revoke_once BEFORE UPDATE ON api_keys WHEN OLD.revoked_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a revoked API key is immutable'); END;
CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
BEGIN SELECT RAISE(ABORT, 'API keys are never deleted; revoke them'); END;
`;

/** Records the keys made before this version, in their order, dated now (when they were recorded). */
export function recordExistingKeys(db: Db, clock: Clock): void {
  const keys = db.prepare('SELECT key_hash FROM api_keys ORDER BY seq').pluck().all() as string[];
  if (keys.length === 0) return;
  const last = db.prepare('SELECT id, hash FROM journal_entries ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  let id = last?.id ?? 0;
  let prev = last?.hash ?? GENESIS;
  const insert = db.prepare('INSERT INTO journal_entries (id, kind, reference, rounding, created_at, hash) VALUES (?, ?, ?, NULL, ?, ?)');
  const at = clock().toISOString();
  for (const keyHash of keys) {
    id++;
    prev = entryHash(prev, { id, kind: 'api_key_created', reference: keyHash, rounding: null, created_at: at }, []);
    insert.run(id, 'api_key_created', keyHash, at, prev);
  }
  db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(headText(id, prev), HEAD_KEY);
}
