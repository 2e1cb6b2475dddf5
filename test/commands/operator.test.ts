import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

// Lists, `credyt api`, --debug and credentials against the embedded engine and a server.
// Pipes and signals, which need a real process, are in test/e2e/operator.test.ts.

let box: InProcessSandbox;
let served: InProcessServer;
beforeAll(async () => {
  box = inProcessSandbox();
  // 250 customers in the embedded database, written by the engine itself (fast).
  const engine = openEngine({ path: box.env.CREDYT_DB! });
  for (let i = 0; i < 250; i++) engine.createCustomer({ name: `Customer ${i}`, external_id: `c${String(i).padStart(3, '0')}` });
  engine.close();
  served = await serveInProcess(box);
  const login = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: served.apiKey });
  expect(login.code).toBe(0);
  await box.run(['profiles', 'use', 'local']);
});
afterAll(async () => {
  await served.stop();
  box.cleanup();
});

describe('lists', () => {
  it('print 20 by default and say how many exist', async () => {
    const r = await box.run(['customers', 'list', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('cust_'))).toHaveLength(20);
    expect(r.stderr).toBe('Showing 20 of 250 customers; use --all or --limit N to see more.\n');
  });

  it('at a terminal a table by default; piped, 20 tab-separated rows; the note on stderr either way', async () => {
    const tty = await box.run(['customers', 'list'], { tty: true });
    expect(tty.stdout).toMatch(/│ ID +│ NAME +│ EXTERNAL ID +│/);
    expect(tty.stdout.split('\n').filter((l) => l.startsWith('│ cust_'))).toHaveLength(20);
    const piped = await box.run(['customers', 'list']);
    const rows = piped.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatch(/^cust_\w+\tCustomer 249\tc249\t/);
    for (const r of [tty, piped]) expect(r.stderr).toBe('Showing 20 of 250 customers; use --all or --limit N to see more.\n');
  });

  it('--all follows the pages; --limit and --offset pick a window', async () => {
    const all = await box.run(['customers', 'list', '--all', '-q']);
    expect(all.stdout.trim().split('\n')).toHaveLength(250);
    expect(all.stderr).toBe('');
    const window = await box.run(['customers', 'list', '--limit', '150', '--offset', '50', '--fields', 'external_id']);
    const ids = window.stdout.trim().split('\n');
    expect(ids).toHaveLength(150);
    expect(ids[0]).toBe('c199'); // newest first
    expect(window.stderr).toBe('Showing 51–200 of 250 customers; use --all or --limit N to see more.\n');
  });

  it('--fields alone lists the fields; -o json --fields keeps the chosen keys', async () => {
    const fields = await box.run(['customers', 'list', '--fields']);
    expect(fields.stdout.split('\n')).toEqual(expect.arrayContaining(['id', 'name', 'external_id', 'email', 'created_at', 'metadata']));
    const picked = json(await box.run(['customers', 'list', '--limit', '2', '--fields', 'external_id,name', '-o', 'json']));
    // The same document as without --fields (a page), its items reduced.
    expect(picked).toMatchObject({ total_count: 250 });
    expect(picked.items).toEqual([
      { external_id: 'c249', name: 'Customer 249' },
      { external_id: 'c248', name: 'Customer 248' },
    ]);
    const refused = await box.run(['customers', 'create', '--name', 'X', '--fields']);
    expect(refused.code).toBe(2);
  });
});

describe('credyt api', () => {
  it('prints the body exactly as received, on the embedded engine and a server', async () => {
    const local = await box.run(['api', 'GET', '/customers/cust_00000000000000000000000000']);
    expect(local.code).toBe(4);
    expect(JSON.parse(local.stdout)).toMatchObject({ status: 404 });
    expect(local.stderr).toMatch(/^Error: /);
    const ok = await box.run(['api', 'POST', '/assets', '-f', 'code=TOK', '-f', 'name=Tokens', '-f', 'precision=0', '--profile', 'dev']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^\{"code":"TOK".*\}$/); // compact, as the server sent it
    const rate = await box.run(['api', 'POST', '/assets/TOK/rates', '--input', '-', '--profile', 'dev'], { input: '{"source":"USD","rate":0.00001}' });
    expect(rate.code).toBe(0);
    expect(rate.stdout).toContain('"inverse_rate":100000');
  });

  it('--paginate joins every page', async () => {
    const r = await box.run(['api', 'GET', '/customers', '--paginate', '-o', 'jsonl']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(250);
    const array = JSON.parse((await box.run(['api', 'GET', '/customers?limit=7', '--paginate'])).stdout);
    expect(array).toHaveLength(250);
  });
});

describe('--debug', () => {
  it('traces requests and responses with bodies, and never the key', async () => {
    const r = await box.run(['customers', 'create', '--name', 'Traced', '--profile', 'dev', '--debug']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`[debug] > POST ${served.url}/customers`);
    expect(r.stderr).toContain('[debug] > {"name":"Traced"}');
    expect(r.stderr).toMatch(/\[debug\] < 201 POST .* in \d+ ms/);
    expect(r.stderr).toMatch(/\[debug\] < \{"id":"cust_/);
    expect(r.stderr).toMatch(/x-credyt-api-key: key_…\w{4}/);
    expect(r.stderr).not.toContain(served.apiKey);
    const login = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key', '--debug'], { input: served.apiKey });
    expect(login.stderr).toContain(`[debug] > GET ${served.url}/accounts/self`);
    expect(login.stderr + login.stdout).not.toContain(served.apiKey);
    await box.run(['profiles', 'use', 'local']);
  });

  it('CREDYT_DEBUG=1 traces the embedded transport too', async () => {
    const r = await box.run(['assets', 'list'], { env: { CREDYT_DEBUG: '1' } });
    expect(r.stderr).toContain('[debug] > GET embedded:/assets?limit=20&offset=0');
    expect(r.stderr).toMatch(/\[debug\] < 200 GET embedded:\/assets/);
  });
});

describe('credentials', () => {
  it('auth status: the embedded engine needs no key (exit 0, test)', async () => {
    const r = await box.run(['auth', 'status', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(json(r)).toMatchObject({ profile: 'local', kind: 'embedded', key_source: 'none', mode: 'test', authenticated: true });
  });

  it('auth status: names the key source, masks the key', async () => {
    const fromProfile = json(await box.run(['auth', 'status', '--profile', 'dev', '-o', 'json']));
    expect(fromProfile).toMatchObject({ profile: 'dev', key_source: 'profile', mode: 'test', authenticated: true });
    expect(fromProfile.api_key).toMatch(/^key_…\w{4}$/);
    const fromEnv = await box.run(['auth', 'status', '--profile', 'dev', '-o', 'json'], { env: { CREDYT_API_KEY: served.apiKey } });
    expect(json(fromEnv)).toMatchObject({ key_source: 'env' });
    expect(fromEnv.stdout + fromEnv.stderr).not.toContain(served.apiKey);
    const fromFlag = await box.run(['auth', 'status', '--profile', 'dev', '--api-key', served.apiKey, '-o', 'json']);
    expect(json(fromFlag)).toMatchObject({ key_source: 'flag' });
    expect(fromFlag.stderr.match(/--api-key is visible to other processes/g)).toHaveLength(1);
  });

  it('auth status: exit 3 without a usable key', async () => {
    const wrong = await box.run(['auth', 'status', '--profile', 'dev'], { env: { CREDYT_API_KEY: 'key_wrong_0000000000000' } });
    expect(wrong.code).toBe(3);
    const none = await box.run(['auth', 'status', '--base-url', served.url, '-o', 'json']);
    expect(none.code).toBe(3);
    expect(json(none)).toMatchObject({ key_source: 'none', authenticated: false });
  });

  it('a key from the environment is never written to disk', async () => {
    const key = 'key_envonly_abcdefghijklmnop';
    await box.run(['customers', 'list', '--profile', 'dev'], { env: { CREDYT_API_KEY: key } });
    const login = await box.run(['login', '--profile', 'envy', '--base-url', served.url], { env: { CREDYT_API_KEY: served.apiKey } });
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('CREDYT_API_KEY is used as is by every command and is never saved to disk.');
    const config = readFileSync(join(box.env.CREDYT_CONFIG_DIR!, 'config.json'), 'utf8');
    expect(config).not.toContain(key);
    expect(config).not.toContain('envy');
  });

  it('a config file readable by others is reported by auth status and tightened', async () => {
    const dir = box.env.CREDYT_CONFIG_DIR!;
    const file = join(dir, 'config.json');
    chmodSync(file, 0o644);
    chmodSync(dir, 0o755);
    const r = await box.run(['auth', 'status', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(json(r).config_warnings).toEqual([
      `directory ${dir} was readable by other users (0755); now 0700`,
      `file ${file} was readable by other users (0644); now 0600`,
    ]);
    expect(r.stderr).toContain(`Warning: ${file} was open to other users (mode 0644); it is now 0600.`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(json(await box.run(['auth', 'status', '-o', 'json'])).config_warnings).toEqual([]);
  });
});
