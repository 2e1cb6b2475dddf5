import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/store/db.js';
import { MIGRATIONS, openEngine } from '../../../src/engine/index.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { engineError, fileEngine, tempDir, testClock } from './fixture.js';

describe('API keys', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('issues random keys, stores only their hash and checks them', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    const key = env.engine.createApiKey();
    const other = env.engine.createApiKey();
    expect(key).toMatch(/^key_local_[0-9a-hjkmnp-tv-z]{32}$/);
    expect(other).not.toBe(key);
    expect(env.engine.checkApiKey(key)).toBe(true);
    expect(env.engine.checkApiKey(other)).toBe(true);
    expect(env.engine.checkApiKey(`${key}x`)).toBe(false);
    expect(env.engine.checkApiKey('')).toBe(false);

    const db = new Database(env.path, { readonly: true });
    const stored = db.prepare('SELECT key_hash FROM api_keys').pluck().all();
    db.close();
    expect(stored).toContain(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);
  });
});

describe('API keys: list, revoke, and verify', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('lists keys by prefix, revokes by id, prefix or key, and a revoked key stops working on every connection', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    const other = openEngine({ path: env.path, clock: testClock() }); // a running server on the same file
    try {
      const first = env.engine.createApiKey();
      const second = env.engine.createApiKey();
      const third = env.engine.createApiKey();
      expect(other.checkApiKey(first)).toBe(true);
      const listed = env.engine.listApiKeys();
      expect(listed.map((k) => [k.id, k.prefix, k.revoked_at])).toEqual([
        [1, `${first.slice(0, 16)}…`, null],
        [2, `${second.slice(0, 16)}…`, null],
        [3, `${third.slice(0, 16)}…`, null],
      ]);
      expect(JSON.stringify(listed)).not.toContain(first.slice(16, 24));
      expect(env.engine.revokeApiKey(first.slice(0, 16)).revoked_at).not.toBeNull();
      expect(env.engine.revokeApiKey('2').id).toBe(2);
      expect(env.engine.revokeApiKey(third).id).toBe(3);
      expect(other.checkApiKey(first)).toBe(false);
      expect(other.checkApiKey(third)).toBe(false);
      expect(env.engine.checkApiKey(second)).toBe(false);
      engineError(() => env.engine.revokeApiKey('1'), 409);
      engineError(() => env.engine.revokeApiKey('key_local_zzzzzz'), 404);
      engineError(() => env.engine.revokeApiKey('9'), 404);
      expect(env.engine.verify()).toEqual([]);
      const db = new Database(env.path);
      try {
        db.prepare("INSERT INTO api_keys (key_hash, created_at) VALUES ('00ff', '2026-01-01T00:00:00.000Z')").run();
        db.exec('DROP TRIGGER api_keys_revoke_once');
        db.prepare('UPDATE api_keys SET revoked_at = NULL WHERE seq = 1').run();
      } finally {
        db.close();
      }
      expect(env.engine.verify().map((v) => `${v.invariant} ${v.table} ${v.id}`)).toEqual(['api_keys api_keys 1', 'api_keys api_keys 4']);
    } finally {
      other.close();
    }
  });

  it('refuses a prefix that matches several keys', () => {
    const env = fileEngine();
    cleanup = env.cleanup;
    env.engine.createApiKey();
    env.engine.createApiKey();
    expect(engineError(() => env.engine.revokeApiKey('key_local_'), 404).status).toBe(404);
    const db = new Database(env.path);
    try {
      db.exec('DROP TRIGGER api_keys_identity_immutable');
      db.prepare("UPDATE api_keys SET prefix = 'key_local_abcdef…'").run();
    } finally {
      db.close();
    }
    expect(engineError(() => env.engine.revokeApiKey('key_local_abc'), 409).detail).toMatch(/matches 2 keys \(1, 2\); give the id/);
  });

  it('records the keys of a database made before keys were recorded, so it verifies clean', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'old.db');
    const db = openDatabase(path);
    migrate(db, testClock(), MIGRATIONS.filter((m) => m.version < 24));
    db.prepare("INSERT INTO api_keys (key_hash, created_at) VALUES ('aa', '2026-01-01T00:00:00.000Z'), ('bb', '2026-01-01T00:00:00.000Z')").run();
    db.close();
    const engine = openEngine({ path, clock: testClock() });
    try {
      expect(engine.verify()).toEqual([]);
      expect(engine.listApiKeys().map((k) => k.prefix)).toEqual([null, null]);
      expect(engine.revokeApiKey('2').revoked_at).not.toBeNull();
      expect(engine.verify()).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
