import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, serve, json, type Sandbox, type Served } from '../helpers/cli.js';

describe('help, demo and exit codes', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('--help lists the commands on stdout and exits 0', async () => {
    const r = await box.run(['--help']);
    expect(r.code).toBe(0);
    for (const word of ['assets', 'rates', 'customers', 'top-up', 'top-ups', 'adjust', 'wallet', 'login', 'profiles', 'local', 'demo']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('help exit-codes lists every code', async () => {
    const r = await box.run(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    for (const code of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '130']) expect(r.stdout).toMatch(new RegExp(`^  ${code} `, 'm'));
  });

  it('an unknown command is a usage error', async () => {
    const r = await box.run(['walet', 'get', 'acme']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wallet/); // suggestion
  });

  it('a missing argument names it', async () => {
    const r = await box.run(['wallet', 'get']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/customer/);
  });

  it('demo builds the mixed wallet in a fresh database', async () => {
    const r = await box.run(['demo', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).accounts.map((a: { id: string; available: number }) => [a.id, a.available])).toEqual([
      ['default:USD', 14.566678],
      ['default:TOK', 993450234],
    ]);
    expect(r.stderr).toMatch(/Demo database: .*demo\.db/);
    // The user's own embedded database is untouched.
    const own = await box.run(['customers', 'list', '-o', 'json']);
    expect(JSON.parse(own.stdout).items).toEqual([]);
  });
});

describe('profiles', () => {
  let box: Sandbox;
  let served: Served;
  beforeAll(async () => {
    box = sandbox();
    served = await serve(box);
  });
  afterAll(async () => {
    await served.stop();
    box.cleanup();
  });

  it('local is current on a fresh machine', async () => {
    const r = await box.run(['profiles', 'list', '-o', 'json']);
    expect(json(r)).toEqual([expect.objectContaining({ name: 'local', current: true, kind: 'embedded' })]);
    const who = json(await box.run(['whoami', '-o', 'json']));
    expect(who).toMatchObject({ name: 'local', kind: 'embedded', live_mode: false });
  });

  it('login validates and saves the key (file 0600), masked everywhere', async () => {
    const r = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: served.apiKey });
    expect(r.code).toBe(0);
    const mode = statSync(join(box.env.CREDYT_CONFIG_DIR!, 'config.json')).mode & 0o777;
    expect(mode).toBe(0o600);
    const list = await box.run(['profiles', 'list', '-o', 'json']);
    expect(list.stdout).not.toContain(served.apiKey);
    expect(json(list).find((p: { name: string }) => p.name === 'dev')).toMatchObject({ current: true, base_url: served.url });
    const who = json(await box.run(['whoami', '-o', 'json']));
    expect(who).toMatchObject({ name: 'dev', kind: 'http', live_mode: false });
    expect(JSON.stringify(who)).not.toContain(served.apiKey);
  });

  it('flags beat env beat the profile', async () => {
    const viaEnv = json(await box.run(['whoami', '-o', 'json'], { env: { CREDYT_PROFILE: 'local' } }));
    expect(viaEnv).toMatchObject({ name: 'local' });
    const viaFlag = json(await box.run(['whoami', '--profile', 'dev', '-o', 'json'], { env: { CREDYT_PROFILE: 'local' } }));
    expect(viaFlag).toMatchObject({ name: 'dev' });
  });

  it('use, logout and remove', async () => {
    expect((await box.run(['profiles', 'use', 'local'])).code).toBe(0);
    expect(json(await box.run(['profiles', 'show', '-o', 'json']))).toMatchObject({ name: 'local' });
    expect((await box.run(['profiles', 'use', 'nope'])).code).toBe(2);
    expect((await box.run(['logout', '--profile', 'dev'])).code).toBe(0);
    const noKey = await box.run(['customers', 'list', '--profile', 'dev']);
    expect(noKey.code).toBe(3);
    expect((await box.run(['profiles', 'remove', 'dev'])).code).toBe(0);
    expect((await box.run(['profiles', 'remove', 'local'])).code).toBe(2);
  });
});
