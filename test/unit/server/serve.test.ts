import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { tempDir } from '../engine/fixture.js';

describe('startServer', () => {
  let server: RunningServer | undefined;
  let cleanup = () => {};
  afterEach(async () => {
    await server?.close();
    server = undefined;
    cleanup();
  });

  it('listens on loopback with a fresh key and requires it', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    server = await startServer({ dbPath: join(tmp.dir, 'serve.db') });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiKey).toMatch(/^key_local_/);

    const refused = await fetch(`${server.url}/accounts/self`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);

    const headers = { 'X-Credyt-Api-Key': server.apiKey, 'content-type': 'application/json' };
    const self = await fetch(`${server.url}/accounts/self`, { headers });
    expect(self.status).toBe(200);

    const customer = (await (await fetch(`${server.url}/customers`, { method: 'POST', headers, body: '{"name":"A"}' })).json()) as { id: string };
    const body = JSON.stringify({ customer_id: customer.id, amount: 5, currency: 'USD', return_url: 'https://a/ok', failure_url: 'https://a/no' });
    const topUp = (await (await fetch(`${server.url}/top-ups`, { method: 'POST', headers, body })).json()) as { id: string; redirect_url: string };
    expect(topUp.redirect_url.startsWith(`${server.url}/checkout/${topUp.id}?token=`)).toBe(true);
  });

  it('keeps data across restarts of the same database', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'serve.db');
    server = await startServer({ dbPath });
    const first = server;
    const headers = { 'X-CREDYT-API-KEY': first.apiKey, 'content-type': 'application/json' };
    await fetch(`${first.url}/customers`, { method: 'POST', headers, body: '{"name":"Kept","external_id":"kept"}' });
    await first.close();
    server = await startServer({ dbPath });
    const again = await fetch(`${server.url}/customers?external_id=kept`, { headers: { 'X-CREDYT-API-KEY': server.apiKey } });
    expect(((await again.json()) as { name: string }).name).toBe('Kept');
  });
});
