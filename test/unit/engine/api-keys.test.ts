import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fileEngine } from './fixture.js';

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
