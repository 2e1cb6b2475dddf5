import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_PROFILE, ProfileStore, maskKey } from '../../../src/config/index.js';
import { ConfigError, ExitCode } from '../../../src/errors.js';

let root: string;
let dir: string;
const now = () => new Date('2026-02-01T10:00:00.000Z');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'credyt-config-'));
  dir = join(root, 'nested', 'credyt');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('ProfileStore', () => {
  it('reads nothing and writes nothing until a profile is saved', () => {
    const store = new ProfileStore({ dir });
    expect(store.current()).toBe(LOCAL_PROFILE);
    expect(store.list()).toEqual([{ name: 'local', kind: 'embedded', current: true }]);
    expect(store.get('local')).toEqual({ name: 'local', kind: 'embedded', current: true });
    expect(store.get('prod')).toBeUndefined();
    expect(() => statSync(dir)).toThrow();
  });

  it('saves profiles in a 0600 file inside a 0700 directory', async () => {
    const store = new ProfileStore({ dir, now });
    const saved = await store.save('prod', { base_url: 'https://api.credyt.ai/', api_key: 'key_live_0123456789abc9d2' });
    expect(saved).toEqual({
      name: 'prod',
      kind: 'http',
      base_url: 'https://api.credyt.ai',
      api_key: 'key_live_0123456789abc9d2',
      created_at: '2026-02-01T10:00:00.000Z',
      current: false,
    });
    expect(mode(dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      profiles: { prod: { base_url: 'https://api.credyt.ai', api_key: 'key_live_0123456789abc9d2', created_at: '2026-02-01T10:00:00.000Z' } },
    });
    // A second store on the same dir (another run of the CLI) sees it.
    expect(new ProfileStore({ dir }).get('prod')?.api_key).toBe('key_live_0123456789abc9d2');
  });

  it('tightens a config file that was left readable by others', async () => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'config.json');
    writeFileSync(path, '{"profiles":{}}');
    chmodSync(path, 0o644);
    await new ProfileStore({ dir }).save('dev', { base_url: 'http://127.0.0.1:8787', api_key: 'k' });
    expect(mode(path)).toBe(0o600);
  });

  it('lists local first, then stored profiles by name, flagging the current one', async () => {
    const store = new ProfileStore({ dir, now });
    await store.save('zeta', { base_url: 'https://z.example' });
    await store.save('alpha', { base_url: 'http://localhost:8787', api_key: 'key_abc' });
    await store.use('zeta');
    expect(store.list().map((p) => [p.name, p.kind, p.current])).toEqual([
      ['local', 'embedded', false],
      ['alpha', 'http', false],
      ['zeta', 'http', true],
    ]);
    expect(store.current()).toBe('zeta');
  });

  it('falls back to local when the current profile is removed', async () => {
    const store = new ProfileStore({ dir });
    await store.save('prod', { base_url: 'https://api.credyt.ai', api_key: 'key_x' });
    await store.use('prod');
    await store.remove('prod');
    expect(store.current()).toBe('local');
    expect(store.get('prod')).toBeUndefined();
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ profiles: {} });
  });

  it('can switch back to local', async () => {
    const store = new ProfileStore({ dir });
    await store.save('prod', { base_url: 'https://api.credyt.ai' });
    await store.use('prod');
    expect((await store.use('local')).current).toBe(true);
    expect(store.current()).toBe('local');
  });

  it('names the unknown profile and the known ones', async () => {
    const store = new ProfileStore({ dir });
    await store.save('prod', { base_url: 'https://api.credyt.ai' });
    for (const action of [() => store.use('staging'), () => store.remove('staging')]) {
      const err = (await action().catch((e: unknown) => e)) as ConfigError;
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.exitCode).toBe(ExitCode.Usage);
      expect(err.message).toBe('No profile named "staging" (known: local, prod)');
    }
  });

  it('protects the built-in local profile', async () => {
    const store = new ProfileStore({ dir });
    await expect(store.save('local', { base_url: 'https://x.example' })).rejects.toThrow(/built in/);
    await expect(store.save('LOCAL', { base_url: 'https://x.example' })).rejects.toThrow(/built in/);
    await expect(store.remove('local')).rejects.toThrow(/cannot be removed/);
  });

  it('validates names and base URLs before saving', async () => {
    const store = new ProfileStore({ dir });
    for (const name of ['', 'a b', 'a.b', 'x'.repeat(65), 'é']) {
      await expect(store.save(name, { base_url: 'https://x.example' }), name).rejects.toThrow(/Invalid profile name/);
    }
    await expect(store.save('ok-Name_1', { base_url: 'https://x.example' })).resolves.toBeDefined();
    await expect(store.save('p', { base_url: 'http://x.example', api_key: 'k' })).rejects.toThrow(/only sent over https/);
    await expect(store.save('p', { base_url: 'nope' })).rejects.toThrow(/Invalid base URL/);
  });

  it('keeps a profile named like an Object.prototype member as plain data', async () => {
    const store = new ProfileStore({ dir });
    await store.save('__proto__', { base_url: 'https://x.example' });
    await store.save('constructor', { base_url: 'https://y.example' });
    expect(store.list().map((p) => p.name)).toEqual(['local', '__proto__', 'constructor']);
    expect(store.get('toString')).toBeUndefined();
  });

  it('reports a corrupt config file as a ConfigError naming it', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{nope');
    const store = new ProfileStore({ dir });
    expect(() => store.list()).toThrow(ConfigError);
    expect(() => store.current()).toThrow(join(dir, 'config.json'));
  });

  it('ignores malformed entries and a dangling current', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ current: 'gone', profiles: { bad: 1, nourl: {}, local: { base_url: 'https://x' }, ok: { base_url: 'https://ok.example' } } }),
    );
    const store = new ProfileStore({ dir });
    expect(store.current()).toBe('local');
    expect(store.list().map((p) => p.name)).toEqual(['local', 'ok']);
  });
});

describe('a default connected account', () => {
  const ACC = 'acc_4tvras4k598tdb256atm8axemw';

  it('is set, kept by a new login to the same server, dropped by one to another, and cleared', async () => {
    const store = new ProfileStore({ dir, now });
    await store.save('prod', { base_url: 'https://api.credyt.ai', api_key: 'key_live_0123456789abc9d2' });
    expect((await store.setAccount('prod', ACC)).account).toBe(ACC);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).profiles.prod.account).toBe(ACC);
    await store.save('prod', { base_url: 'https://api.credyt.ai/', api_key: 'key_live_another_key_abcd' });
    expect(store.get('prod')!.account).toBe(ACC);
    await store.save('prod', { base_url: 'https://eu.credyt.example', api_key: 'key_live_another_key_abcd' });
    expect(store.get('prod')!.account).toBeUndefined();
    await store.setAccount('prod', ACC);
    expect((await store.setAccount('prod', undefined)).account).toBeUndefined();
    expect(JSON.parse(readFileSync(store.path, 'utf8')).profiles.prod).not.toHaveProperty('account');
  });

  it('is refused for local and for an unknown profile', async () => {
    const store = new ProfileStore({ dir, now });
    await expect(store.setAccount('local', ACC)).rejects.toThrow(/built in and keeps no settings/);
    await expect(store.setAccount('nope', ACC)).rejects.toThrow(/No profile named "nope"/);
  });

  it('is read as written, even malformed: the run that uses it names it', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ profiles: { p: { base_url: 'https://x.example', account: 'bingo' }, q: { base_url: 'https://x.example', account: 7 } } }));
    const store = new ProfileStore({ dir });
    expect(store.get('p')!.account).toBe('bingo');
    expect(store.get('q')!.account).toBeUndefined();
  });
});

describe('securePermissions', () => {
  it('tightens a wide file and its own directory, and says what it found', async () => {
    const store = new ProfileStore({ dir, now });
    await store.save('prod', { base_url: 'https://api.credyt.ai', api_key: 'key_live_0123456789abcdef' });
    chmodSync(store.path, 0o644);
    chmodSync(dir, 0o755);
    expect(store.securePermissions()).toEqual([
      { path: dir, kind: 'directory', mode: 0o755, wanted: 0o700, repaired: true },
      { path: store.path, kind: 'file', mode: 0o644, wanted: 0o600, repaired: true },
    ]);
    expect([mode(dir), mode(store.path)]).toEqual([0o700, 0o600]);
    expect(store.securePermissions()).toEqual([]);
  });

  it('never chmods a shared directory (CREDYT_CONFIG_DIR=/tmp, say), only reports it', async () => {
    writeFileSync(join(root, 'notes.txt'), 'someone else\'s file');
    const store = new ProfileStore({ dir: root, now });
    await store.save('prod', { base_url: 'https://api.credyt.ai' });
    chmodSync(root, 0o755);
    expect(store.securePermissions()).toEqual([
      { path: root, kind: 'directory', mode: 0o755, wanted: 0o700, repaired: false, reason: 'it holds other files too' },
    ]);
    expect(mode(root)).toBe(0o755);
  });

  it('touches nothing before there is a config file', () => {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    expect(new ProfileStore({ dir }).securePermissions()).toEqual([]);
    expect(mode(dir)).toBe(0o755);
  });
});

describe('maskKey', () => {
  it('shows the prefix and at most the last 4 characters', () => {
    expect(maskKey('key_live_0123456789abc9d2')).toBe('key_…c9d2');
    expect(maskKey('sk_test_abcdefghijklmnop')).toBe('sk_…mnop');
    expect(maskKey('0123456789abcdef')).toBe('…cdef');
    expect(maskKey('key_short')).toBe('key_…');
    expect(maskKey('abc')).toBe('…');
    expect(maskKey('')).toBe('');
  });
});
