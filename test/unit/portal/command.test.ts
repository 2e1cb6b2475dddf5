import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { runMain } from '../../helpers/in-process.js';
import { browserOpener } from '../../../src/commands/portal/open-browser.js';

function claims(link: string): Record<string, unknown> {
  const token = new URL(link).searchParams.get('token') as string;
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('credyt portal (in-process)', () => {
  let dir: string;
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-portal-'));
    server = await startServer({ dbPath: join(dir, 'served.db'), port: 0 });
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    const made = await runMain(['customers', 'create', '--name', 'Acme', '--external-id', 'acme'], { env });
    expect(made.code, made.stderr).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('piped: the link alone on stdout, defaulting the URLs to the server landing page', async () => {
    const r = await runMain(['portal', 'acme'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${server.url}/portal\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+\\n$`));
    expect(claims(r.stdout.trim())).toMatchObject({
      return_url: `${server.url}/portal/return`,
      failure_url: `${server.url}/portal/return?failed=1`,
      live_mode: 'false',
    });
  });

  it('on a terminal: the link, and a note on stderr of when it expires', async () => {
    const r = await runMain(['portal', 'acme', '--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/no'], { env, tty: true });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/portal\?token=\S+\n$/);
    expect(r.stderr).toMatch(/The link works until \d{4}-\d\d-\d\dT\S+ \(10 minutes\)\./);
    expect(claims(r.stdout.trim())).toMatchObject({ return_url: 'https://app.example/ok', failure_url: 'https://app.example/no' });
  });

  it('-o json: the API answer', async () => {
    const r = await runMain(['portal', 'acme', '-o', 'json'], { env });
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['redirect_url', 'expires_at']);
  });

  it('refuses what cannot work: usage errors (2) and an unknown customer (4)', async () => {
    const bad = await runMain(['portal', 'acme', '--return-url', 'ftp://x'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--return-url "ftp:\/\/x" is not an http\(s\) URL/);
    const remote = await runMain(['portal', 'acme'], { env: { ...env, CREDYT_BASE_URL: 'https://api.example.com' } });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/--return-url and --failure-url are required for a remote profile/);
    const embedded = await runMain(['portal', 'acme'], { env: { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'embedded.db') } });
    expect(embedded.code).toBe(2);
    expect(embedded.stderr).toMatch(/has no web server for the portal page/);
    const unknown = await runMain(['portal', 'nobody'], { env });
    expect(unknown.code).toBe(4);
  });
});

describe('browserOpener', () => {
  it('prefers $BROWSER, then the platform opener, the URL always one argument', () => {
    const url = 'http://127.0.0.1:1/portal?token=a.b.c';
    expect(browserOpener(url, { BROWSER: 'firefox' }, 'linux')).toEqual({ command: 'firefox', args: [url] });
    expect(browserOpener(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserOpener(url, {}, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserOpener(`${url}&x=1`, {}, 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', `${url}^&x=1`] });
  });
});
