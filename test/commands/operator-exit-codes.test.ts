import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-exit-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  expect((await runMain(['customers', 'create', '--name', 'Acme', '--external-id', 'acme'], { env })).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes agree across commands', () => {
  it('usage post: an id replayed with another body is a conflict, exit 5 (as in bulk, top-up and adjust)', async () => {
    const id = '0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90';
    // The same --occurred-at each time: it defaults to now, which would make every re-send another body.
    const at = ['--occurred-at', '2026-01-02T03:04:05Z'];
    const post = (n: string) => runMain(['usage', 'post', 'acme', '--type', 'call', '--id', id, ...at, '--data', `n=${n}`, '-o', 'json'], { env });
    expect((await post('1')).code).toBe(0);
    const same = await post('1');
    expect(same.code).toBe(0);
    const other = await post('2');
    expect(other.code).toBe(5);
    expect(other.stderr).toContain(`event ${id} was posted before with a different body (a re-send needs the same --occurred-at, which defaults to now); this one had no effect.`);
    expect(other.stderr.match(/different body/g)).toHaveLength(1);
  });

  it('an unknown asset is 4 everywhere: top-up CURRENCY, top-up --asset, adjust', async () => {
    for (const argv of [
      ['top-up', 'acme', '5', 'ZZZ'],
      ['top-up', 'acme', '5', 'USD', '--asset', 'NOPE'],
      ['adjust', 'acme', '5', 'ZZZ', '--reason', 'gift'],
    ]) {
      const r = await runMain(argv, { env });
      expect(r.code, argv.join(' ')).toBe(4);
      expect(r.stderr, argv.join(' ')).toMatch(/ZZZ|NOPE/);
    }
  });

  it('a 422 with any other problem stays 5', async () => {
    const r = await runMain(['adjust', 'acme', '5', 'ZZZ', '--reason', 'gift', '--metadata', `${'k'.repeat(41)}=v`], { env });
    expect(r.code).toBe(5);
  });
});

describe('rates add --effective-at', () => {
  it('in the past is refused with exit 2, nothing added', async () => {
    expect((await runMain(['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--precision', '0', '--rate', 'USD=0.00001'], { env })).code).toBe(0);
    const r = await runMain(['rates', 'add', 'TOK', '--source', 'USD', '--rate', '0.00002', '--effective-at', '2020-01-01T00:00:00Z'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--effective-at 2020-01-01T00:00:00.000Z is in the past');
    const rates = await runMain(['rates', 'list', 'TOK', '-o', 'json'], { env });
    expect(JSON.parse(rates.stdout).items ?? JSON.parse(rates.stdout)).toHaveLength(1);
  });

  it('in the future schedules the rate', async () => {
    const r = await runMain(['rates', 'add', 'TOK', '--source', 'USD', '--rate', '0.00002', '--effective-at', '2099-01-01T00:00:00Z', '-o', 'json'], { env });
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('auth status with the server down', () => {
  it('still shows the profile and key, then exits 8', async () => {
    const down = { ...env, CREDYT_BASE_URL: 'http://127.0.0.1:9', CREDYT_API_KEY: 'key_test_0123456789abcdef' };
    const r = await runMain(['auth', 'status', '-o', 'json', '--max-retries', '0'], { env: down });
    expect(r.code).toBe(8);
    expect(JSON.parse(r.stdout)).toMatchObject({ base_url: 'http://127.0.0.1:9', key_source: 'env', authenticated: false });
    expect(r.stderr).toMatch(/127\.0\.0\.1:9/);
  });
});

describe('pricing apply with nothing to change', () => {
  it('says "No changes" on stderr when piped, not nothing at all', async () => {
    const file = join(import.meta.dirname, '../../examples/pricing/llm-api.yaml');
    const first = await runMain(['pricing', 'apply', file, '--yes'], { env });
    expect(first.code, first.stderr).toBe(0);
    const again = await runMain(['pricing', 'apply', file, '--yes'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('No changes');
  });
});

describe('an empty customer argument', () => {
  it('is a usage error (exit 2), not the API refusing an empty external id', async () => {
    for (const argv of [['wallet', 'get', ''], ['customers', 'get', ' '], ['top-up', '', '5', 'USD']]) {
      const r = await runMain(argv, { env });
      expect(r.code, argv.join('|')).toBe(2);
      expect(r.stderr).toContain('The customer is empty');
    }
  });
});
