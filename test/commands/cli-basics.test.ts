import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

describe('help, demo and exit codes', () => {
  let box: InProcessSandbox;
  beforeAll(() => {
    box = inProcessSandbox();
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
  let box: InProcessSandbox;
  let served: InProcessServer;
  beforeAll(async () => {
    box = inProcessSandbox();
    served = await serveInProcess(box);
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

  it('login asks for the key at a terminal; piped it wants --with-key (exit 2)', async () => {
    const piped = await box.run(['login', '--profile', 'asked', '--base-url', served.url]);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('Missing --with-key (the key on stdin) (no prompt: stdin is not a terminal).');
    const asked = await box.run(['login', '--profile', 'asked', '--base-url', served.url], { tty: true, answers: [served.apiKey] });
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.asked).toEqual(['API key']);
    expect(asked.stderr).toContain('profile "asked" is now current.');
    expect(asked.stdout).toMatch(/│ NAME +│ asked +│/);
    expect(asked.stdout).not.toContain(served.apiKey);
    // What a terminal shows as a table a pipe gets as tab-separated rows, no header.
    const table = await box.run(['profiles', 'list'], { tty: true });
    expect(table.stdout).toMatch(/│ NAME +│ CURRENT │ KIND +│ BASE URL +│ API KEY +│/);
    const rows = (await box.run(['profiles', 'list'])).stdout.trim().split('\n');
    expect(rows.map((row) => row.split('\t').slice(0, 3))).toEqual([['local', '', 'embedded'], ['asked', '*', 'http'], ['dev', '', 'http']]);
    expect((await box.run(['profiles', 'use', 'dev'])).code).toBe(0);
    expect((await box.run(['profiles', 'remove', 'asked'])).code).toBe(0);
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
