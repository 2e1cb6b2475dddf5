import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/serve.js';
import { runMain } from '../../helpers/in-process.js';

describe('credyt local keys (in-process, with local serve running on the file)', () => {
  let dir: string;
  let db: string;
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-keys-'));
    db = join(dir, 'served.db');
    server = await startServer({ dbPath: db, port: 0 });
    env = { CREDYT_CONFIG_DIR: join(dir, 'config') };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const customers = () => fetch(`${server.url}/customers`, { headers: { 'x-credyt-api-key': server.apiKey } });

  it('lists the key serve made by its prefix, revokes it, and the server refuses it at once', async () => {
    expect((await customers()).status).toBe(200);
    const listed = await runMain(['local', 'keys', 'list', '--db', db, '-o', 'json'], { env });
    expect(listed.code, listed.stderr).toBe(0);
    const items = JSON.parse(listed.stdout).items as { id: number; prefix: string; created_at: string; revoked_at: string | null }[];
    expect(items).toEqual([{ id: 1, prefix: `${server.apiKey.slice(0, 16)}…`, created_at: expect.any(String), revoked_at: null }]);
    expect(listed.stdout).not.toContain(server.apiKey);

    const piped = await runMain(['local', 'keys', 'list', '--db', db], { env });
    expect(piped.stdout).toBe(`1\t${server.apiKey.slice(0, 16)}…\t${items[0].created_at}\t\n`);

    const revoked = await runMain(['local', 'keys', 'revoke', server.apiKey.slice(0, 16), '--db', db], { env, tty: true });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toMatch(/Revoked API key 1\./);
    expect((await customers()).status).toBe(401);

    const again = await runMain(['local', 'keys', 'revoke', '1', '--db', db], { env });
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/already revoked/);
    const unknown = await runMain(['local', 'keys', 'revoke', '7', '--db', db], { env });
    expect(unknown.code).toBe(4);

    const verified = await runMain(['local', 'verify', '--db', db, '-o', 'json'], { env });
    expect(verified.code, verified.stdout).toBe(0);
    expect(JSON.parse(verified.stdout).checked.api_keys).toBe(1);
  });
});
