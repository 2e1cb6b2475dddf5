import { existsSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/engine/portal/portal-tokens.js';
import { json, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { CHROMIUM, haveTool } from '../helpers/tools.js';

/**
 * The billing portal and checkout pages in a real browser: Debian's Chromium (installed by
 * .ci/run through apt), driven headless with playwright-core, against `credyt local serve`.
 * Screenshots of every page land in test-output/screenshots/.
 */
const chromiumHere = haveTool('chromium', 'billing portal tests in a browser');
const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const HOSTILE = '<script>alert(1)</script>';

/** The application the portal sends customers back to: a tiny page on 127.0.0.1. */
function startApp(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>App</title><h1 id="landed">Landed on ${req.url?.replace(/[<&]/g, '')}</h1>`);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })),
  );
}

describe.skipIf(!chromiumHere)('billing portal and checkout in Chromium', { timeout: 90_000 }, () => {
  let box: Sandbox;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let app: Awaited<ReturnType<typeof startApp>>;
  let portalUrl: string;
  const dialogs: string[] = [];
  const cli = (args: string[]) => box.run(args, { env: { CREDYT_PROFILE: 'dev' } });
  const account = async (id: string) => json(await cli(['wallet', 'account', 'acme', id, '-o', 'json']));
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const cell = (account: string, field: string) => page.locator(`tr[data-account="${account}"] td[data-field="${field}"]`).textContent();

  async function addFunds(amount: string) {
    await page.goto(portalUrl);
    await page.selectOption('#option', 'default:TOK|USD');
    await page.fill('#amount', amount);
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.waitForURL(/\/checkout\/top_/);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    box = sandbox();
    served = await serve(box);
    app = await startApp();
    const login = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: served.apiKey });
    expect(login.code, login.stderr).toBe(0);
    for (const args of [
      ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--symbol', '¤', '--precision', '0', '--rate', 'USD=0.00001'],
      ['customers', 'create', '--name', HOSTILE, '--external-id', 'acme'],
      ['top-up', 'acme', '5', 'USD', '--yes'],
    ]) {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(0);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // A new context is a fresh, empty profile: no cookies, cache or storage from any other run.
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    app?.server.close();
    await served?.stop();
    box?.cleanup();
  });

  it('the CLI prints a portal link; the page shows the balances and the hostile name as text', async () => {
    const r = await cli(['portal', 'acme', '--return-url', `${app.url}/ok`, '--failure-url', `${app.url}/failed`]);
    expect(r.code, r.stderr).toBe(0);
    portalUrl = r.stdout.trim();
    expect(portalUrl).toMatch(new RegExp(`^${served.url}/portal\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));

    const res = await page.goto(portalUrl);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    await shot('01-portal');
    expect(await page.locator('h1#customer').textContent()).toBe(HOSTILE);
    expect(await page.title()).toBe(`Billing · ${HOSTILE}`);
    expect(dialogs).toEqual([]);
    expect(await cell('default:USD', 'available')).toBe('5.000000');
    expect(await cell('default:USD', 'pending_in')).toBe('0.000000');
    expect(await page.getByRole('link', { name: 'Back to the application' }).getAttribute('href')).toBe(`${app.url}/ok`);
  });

  it('adds 10 USD to the TOK account at the shown rate, pays and lands on return_url', async () => {
    await page.goto(portalUrl);
    const option = page.locator('#option option[value="default:TOK|USD"]');
    expect(await option.textContent()).toBe('Tokens (TOK) with USD');
    expect(await page.locator('#rates').textContent()).toContain('Tokens (TOK) with USD: 1 TOK = 0.00001 USD · 1 USD buys 100,000 TOK');
    await page.getByLabel('Account to fund').selectOption('default:TOK|USD');
    await page.getByLabel('Amount to pay').fill('10');
    const quoted = "10.00 USD buys 1,000,000 TOK at today's rate (rounded down).";
    // The live quote (the page's one script) as the amount is typed ...
    await expect.poll(() => page.locator('#quote').textContent()).toBe(quoted);
    expect(await page.locator('#quote').isVisible()).toBe(true);
    // ... and the same quote from the server, as without JavaScript.
    await page.getByRole('button', { name: 'Show quote' }).click();
    await page.waitForURL(/preview=1/);
    expect(await page.locator('#quote').textContent()).toBe(quoted);
    await shot('02-portal-quote');

    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    await page.waitForURL(/\/checkout\/top_\w{26}\?token=/);
    expect(await page.locator('#amount').textContent()).toBe('10.00 USD');
    expect(await page.locator('#buys').textContent()).toMatch(/^1,000,000 TOK/);
    expect(await page.locator('#customer').textContent()).toBe(HOSTILE);
    await shot('03-checkout');
    expect(await account('default:TOK')).toMatchObject({ available: 0, pending_in: 1000000 });

    await page.getByRole('button', { name: 'Pay 10.00 USD' }).click();
    await page.waitForURL(`${app.url}/ok`);
    await shot('04-returned');
    expect(app.hits).toContain('/ok');

    const wallet = json(await cli(['wallet', 'get', 'acme', '-o', 'json']));
    expect(wallet.accounts).toContainEqual({ id: 'default:TOK', name: 'default', asset: 'TOK', available: 1000000, pending_in: 0, pending_out: 0 });

    await page.goto(portalUrl);
    expect(await cell('default:TOK', 'available')).toBe('1,000,000');
    expect(await page.locator('#top-ups tbody tr').first().textContent()).toContain('completed');
    await shot('05-portal-after-pay');
  });

  it('works without JavaScript: Show quote reloads the page with the quote', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 420, height: 900 } });
    try {
      const plain = await context.newPage();
      await plain.goto(portalUrl);
      await plain.selectOption('#option', 'default:TOK|USD');
      await plain.fill('#amount', '2.5');
      expect(await plain.locator('#quote').isVisible()).toBe(false);
      await plain.getByRole('button', { name: 'Show quote' }).click();
      await plain.waitForURL(/preview=1/);
      expect(await plain.locator('#quote').textContent()).toBe("2.50 USD buys 250,000 TOK at today's rate (rounded down).");
      await plain.screenshot({ path: join(SHOTS, '02b-portal-quote-no-js.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('declines another: pending_in is released and the customer lands on failure_url', async () => {
    await addFunds('2');
    expect(await account('default:TOK')).toMatchObject({ available: 1000000, pending_in: 200000 });
    await shot('06-checkout-to-decline');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(`${app.url}/failed`);
    expect(await account('default:TOK')).toMatchObject({ available: 1000000, pending_in: 0 });
    await page.goto(portalUrl);
    expect(await cell('default:TOK', 'pending_in')).toBe('0');
    expect(await page.locator('#top-ups tbody tr').first().textContent()).toContain('failed');
  });

  it('an expired link shows a clear page that leads to failure_url', async () => {
    const token = new URL(portalUrl).searchParams.get('token') as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const db = new Database(join(box.dir, 'served.db'), { readonly: true });
    const secret = db.prepare("SELECT value FROM settings WHERE key = 'portal_signing_secret'").pluck().get() as string;
    db.close();
    const expired = signToken(Buffer.from(secret, 'hex'), { ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
    const res = await page.goto(`${served.url}/portal?token=${expired}`);
    expect(res?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This billing portal link has expired');
    expect(await page.content()).not.toContain('1,000,000');
    await shot('07-expired');
    await page.getByRole('link', { name: 'Go back' }).click();
    await page.waitForURL(`${app.url}/failed`);
  });

  it('a tampered link gets a 403 page and no data', async () => {
    const token = new URL(portalUrl).searchParams.get('token') as string;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url');
    const res = await page.goto(`${served.url}/portal?token=${h}.${forged}.${s}`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('This link is not valid');
    const text = await page.content();
    expect(text).not.toContain('alert(1)');
    expect(text).not.toContain('default:TOK');
    await shot('08-tampered');
  });

  it('top-up --checkout prints a link to the working checkout page', async () => {
    const r = await cli(['top-up', 'acme', '3', 'USD', '--checkout', '--return-url', `${app.url}/ok`, '--failure-url', `${app.url}/failed`, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const topUp = json(r);
    const res = await page.goto(topUp.redirect_url);
    expect(res?.status()).toBe(200);
    expect(await page.locator('#amount').textContent()).toBe('3.00 USD');
    await shot('09-checkout-from-cli');
    await page.getByRole('button', { name: 'Pay 3.00 USD' }).click();
    await page.waitForURL(`${app.url}/ok`);
    expect(await account('default:USD')).toMatchObject({ available: 8, pending_in: 0 });
    expect(dialogs).toEqual([]);
  });
});

describe('credyt portal without a browser page', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('on the embedded profile says to serve the database (exit 2)', async () => {
    await box.run(['customers', 'create', '--name', 'A', '--external-id', 'a']);
    const r = await box.run(['portal', 'a']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no web server for the portal page/);
    expect(r.stderr).toMatch(/credyt local serve/);
  });

  it('--open starts the system opener with the link, and only warns when there is none', async () => {
    const served = await serve(box);
    try {
      await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: served.apiKey });
      await box.run(['customers', 'create', '--name', 'B', '--external-id', 'b'], { env: { CREDYT_PROFILE: 'dev' } });
      const bin = join(box.dir, 'bin');
      mkdirSync(bin, { recursive: true });
      const opened = join(box.dir, 'opened.txt');
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const env = { CREDYT_PROFILE: 'dev', PATH: `${bin}:${process.env.PATH}`, BROWSER: '' };
      const r = await box.run(['portal', 'b', '--open'], { env });
      expect(r.code, r.stderr).toBe(0);
      const link = r.stdout.trim();
      expect(link).toMatch(/\/portal\?token=/);
      for (let i = 0; i < 50 && !existsSync(opened); i++) await new Promise((w) => setTimeout(w, 20));
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(opened, 'utf8')).toBe(link);

      const none = await box.run(['portal', 'b', '--open', '-o', 'json'], { env: { CREDYT_PROFILE: 'dev', PATH: '/nonexistent', BROWSER: '' } });
      expect(none.code).toBe(0);
      expect(json(none)).toMatchObject({ redirect_url: expect.stringMatching(/\/portal\?token=/), expires_at: expect.any(String) });
      expect(none.stderr).toMatch(/could not start xdg-open.*open the link yourself/);
    } finally {
      await served.stop();
    }
  });
});
