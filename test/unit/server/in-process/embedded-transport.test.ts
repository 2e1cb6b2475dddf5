import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedTransport } from '../../../../src/server/in-process/embedded-transport.js';
import { tempDir } from '../../engine/fixture.js';

describe('embedded transport', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('opens nothing until the first request, then answers in-process', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const dbPath = join(tmp.dir, 'nested', 'local.db');
    const transport = createEmbeddedTransport({ dbPath, clock: () => new Date('2026-01-01T00:00:00Z') });
    expect(transport.kind).toBe('embedded');
    expect(existsSync(dbPath)).toBe(false);

    const created = await transport.request({ method: 'POST', path: '/customers', body: '{"name":"Acme AI","external_id":"acme"}' });
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(created.headers).every((h) => h === h.toLowerCase())).toBe(true);
    expect(Object.values(created.headers).every((v) => typeof v === 'string')).toBe(true);
    expect(JSON.parse(created.body)).toMatchObject({ name: 'Acme AI', created_at: '2026-01-01T00:00:00.000Z' });
    expect(existsSync(dbPath)).toBe(true);

    const missing = await transport.request({ method: 'GET', path: '/customers?external_id=nobody' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    await transport.close();
    await transport.close();

    const reopened = createEmbeddedTransport({ dbPath });
    const found = await reopened.request({ method: 'GET', path: '/customers?external_id=acme' });
    expect(JSON.parse(found.body).name).toBe('Acme AI');
    await reopened.close();
  });

  it('reports a database it cannot open, and can be closed after', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const transport = createEmbeddedTransport({ dbPath: join(tmp.dir, 'file-not-dir', 'x.db') });
    await import('node:fs').then((fs) => fs.writeFileSync(join(tmp.dir, 'file-not-dir'), 'not a directory'));
    // A read of an absent ledger answers from memory; the first write creates the file.
    await expect(transport.request({ method: 'POST', path: '/customers', body: '{"name":"Ada"}' })).rejects.toThrow();
    await transport.close();
  });
});
