import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { CHROMIUM, haveTool } from '../helpers/tools.js';

/**
 * The subscription payment page in a real browser (Debian's Chromium, headless, through
 * playwright-core) against `credyt local serve`: what it needs a browser for is the CSP
 * `form-action`, which also governs the redirect to the application's return URL.
 */
const chromiumHere = haveTool('chromium', 'subscription payment page tests in a browser');
const SHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');
const PREMIUM = resolve(import.meta.dirname, '../../examples/products/premium.yaml');
const HOSTILE = '<img src=x onerror=alert(1)>';

/** The application the page sends payers back to: a tiny page on 127.0.0.1. */
function startApp(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>App</title><h1 id="landed">Landed</h1>`);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })),
  );
}

describe.skipIf(!chromiumHere)('subscription payment page in Chromium', { timeout: 90_000 }, () => {
  let box: Sandbox;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let app: Awaited<ReturnType<typeof startApp>>;
  const dialogs: string[] = [];
  const cli = async (args: string[]) => {
    const r = await box.run(args, { env: { CREDYT_PROFILE: 'dev' } });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  /** A new customer subscribed to the Premium plan: its pending subscription and payment link. */
  const subscriber = async (externalId: string) => {
    const urls = ['--return-url', `${app.url}/ok`, '--failure-url', `${app.url}/failed`];
    const customer = json(await cli(['customers', 'create', '--name', HOSTILE, '--external-id', externalId, '--product', 'premium_monthly_01', ...urls, '-o', 'json']));
    const sub = customer.subscriptions[0];
    return { id: sub.id as string, link: sub.required_actions[0].redirect_url as string };
  };
  const status = async (id: string) => json(await cli(['subscriptions', 'get', id, '-o', 'json'])).status;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    box = sandbox();
    served = await serve(box);
    app = await startApp();
    const login = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: served.apiKey });
    expect(login.code, login.stderr).toBe(0);
    await cli(['assets', 'create', '--code', 'CREDIT', '--name', 'Credits', '--precision', '0']);
    await cli(['products', 'create', '--file', PREMIUM, '--publish']);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ viewport: { width: 420, height: 900 } })).newPage();
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

  it('shows the plan and its fee; Pay activates it and lands on return_url', async () => {
    const { id, link } = await subscriber('ada');
    expect(link.startsWith(`${served.url}/pay/subscription/${id}?token=`)).toBe(true);
    const res = await page.goto(link);
    expect(res?.status()).toBe(200);
    expect(res!.headers()['content-security-policy']).toContain(`form-action 'self' ${app.url}`);
    expect(await page.locator('#amount').textContent()).toBe('20.00 USD');
    expect(await page.locator('#customer').textContent()).toBe(HOSTILE);
    expect(await page.locator('#allowances').textContent()).toContain('1,000 CREDIT, replaced every month');
    await page.screenshot({ path: join(SHOTS, '20-subscription-payment.png'), fullPage: true });
    await page.getByRole('button', { name: 'Pay 20.00 USD' }).click();
    await page.waitForURL(`${app.url}/ok`);
    expect(app.hits).toContain('/ok');
    expect(await status(id)).toBe('active');
    expect(json(await cli(['wallet', 'account', 'ada', 'default:CREDIT', '-o', 'json'])).available).toBe(1000);
    expect(dialogs).toEqual([]);
  });

  it('Decline fails it and lands on failure_url; Back leaves it pending', async () => {
    const declined = await subscriber('bo');
    await page.goto(declined.link);
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.waitForURL(`${app.url}/failed`);
    expect(await status(declined.id)).toBe('failed');

    const left = await subscriber('cy');
    await page.goto(left.link);
    await page.getByRole('link', { name: 'Back without paying' }).click();
    await page.waitForURL(`${app.url}/failed`);
    expect(await status(left.id)).toBe('pending');
    expect(dialogs).toEqual([]);
  });
});
