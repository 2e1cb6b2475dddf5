import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-ledger-files-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--db naming no file', () => {
  it('is exit 2 naming the path, for reads and writes, and creates nothing', async () => {
    const typo = join(dir, 'typo', 'ledger.db');
    for (const argv of [['customers', 'list'], ['customers', 'create', '--name', 'Ada'], ['wallet', 'get', 'acme']]) {
      const r = await runMain(['--db', typo, ...argv], { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`No ledger at ${typo} (--db)`);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('works once the ledger exists', async () => {
    const path = join(dir, 'made.db');
    expect((await runMain(['customers', 'create', '--name', 'Ada'], { env: { ...env, CREDYT_DB: path } })).code).toBe(0);
    const r = await runMain(['--db', path, 'customers', 'list', '-o', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).items).toHaveLength(1);
  });
});

describe('the default ledger (CREDYT_DB, else the data directory)', () => {
  it('is not created by a read, which answers as an empty ledger; the first write creates it', async () => {
    const path = join(dir, 'default', 'local.db');
    const local = { ...env, CREDYT_DB: path };
    const read = await runMain(['customers', 'list', '-o', 'json'], { env: local });
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.stdout).items).toEqual([]);
    expect((await runMain(['assets', 'get', 'USD', '-o', 'json'], { env: local })).code).toBe(0);
    expect(existsSync(path)).toBe(false);
    const write = await runMain(['customers', 'create', '--name', 'Ada', '--external-id', 'ada', '-q'], { env: local });
    expect(write.code, write.stderr).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect((await runMain(['customers', 'get', 'ada', '-q'], { env: local })).stdout).toBe(write.stdout);
  });
});

describe('a file that is not a ledger', () => {
  it('is exit 2 naming it, for commands and for local serve', async () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'meeting notes, not a database '.repeat(10));
    for (const argv of [['--db', path, 'customers', 'list'], ['local', 'serve', '--port', '0', '--db', path]]) {
      const r = await runMain(argv, { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${path} is not a credyt ledger`);
      expect(r.stderr).not.toContain('unexpected');
    }
  });
});

describe('local serve on a port in use', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => busy.close(() => done())));

  it('says so and how to pick another, exit 2', async () => {
    const r = await runMain(['local', 'serve', '--port', String(port), '--db', join(dir, 'served.db')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
    expect(r.stderr).toContain('--port 0');
    expect(r.stderr).not.toContain('unexpected');
  });
});
