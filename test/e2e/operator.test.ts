import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, json, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { openEngine } from '../../src/engine/index.js';

const ESC = '\x1b';

/** A TCP server that accepts connections and never answers: a hung API. */
async function hungServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** A shell pipeline in the sandbox, with pipefail: the exit code is credyt's. */
function pipeline(box: Sandbox, script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], { env: { ...box.env, CREDYT: `${process.execPath} ${BIN}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let box: Sandbox;
let served: Served;
beforeAll(async () => {
  box = sandbox();
  // 250 customers in the embedded database, written by the engine itself (fast).
  const engine = openEngine({ path: box.env.CREDYT_DB! });
  for (let i = 0; i < 250; i++) engine.createCustomer({ name: `Customer ${i}`, external_id: `c${String(i).padStart(3, '0')}` });
  engine.close();
  served = await serve(box);
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

describe('pipes and signals', () => {
  it('a reader that goes away is not an error (EPIPE)', async () => {
    const closed = await pipeline(box, '$CREDYT customers list --all | true');
    expect(closed).toMatchObject({ code: 0, stderr: '' });
    const head = await pipeline(box, '$CREDYT customers list --all -o jsonl | head -1');
    expect(head.code).toBe(0);
    expect(head.stderr).toBe('');
    expect(head.stdout.split('\n')).toHaveLength(2);
  });

  it('output is complete when piped', async () => {
    const whole = await pipeline(box, '$CREDYT api GET /customers --paginate -o jsonl | cat');
    expect(whole.stdout.trim().split('\n')).toHaveLength(250);
  });

  it('no colour codes reach a pipe, even for tables and errors', async () => {
    for (const args of [['customers', 'list', '-o', 'table'], ['wallet', 'get', 'nobody'], ['walet'], ['assets', 'create']]) {
      const r = await box.run(args);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(ESC);
    }
  });

  it('SIGINT during a request exits 130 without a stack trace', async () => {
    const hung = await hungServer();
    try {
      const child = spawn(process.execPath, [BIN, 'customers', 'list', '--base-url', hung.url], {
        env: { ...box.env, CREDYT_API_KEY: 'key_test_0123456789abcdef' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGINT');
      const code = await new Promise((r) => child.on('close', r));
      expect(code).toBe(130);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await hung.close();
    }
  });

  it('completion lookups give up after 2 s and print nothing', async () => {
    const hung = await hungServer();
    try {
      const started = Date.now();
      const r = await box.run(['__complete', 'assets', '--base-url', hung.url], { env: { CREDYT_API_KEY: 'key_test_0123456789abcdef' } });
      // 2 s of waiting plus a process start; generous for a loaded machine, far below the
      // 30 s request timeout a lookup without its own limit would wait.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    } finally {
      await hung.close();
    }
  });
});
