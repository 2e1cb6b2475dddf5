import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/context.js';
import type { GlobalFlags } from '../../../src/globals.js';
import { bufferedStreams } from '../../../src/io/buffer-streams.js';
import { Runtime } from '../../../src/runtime.js';

const ACCOUNT = 'acc_0123456789abcdefghjkmnpqrs';

/**
 * The Runtime itself builds the run's client with the selected connected account: no
 * subclass is needed for a verb's requests to be scoped. Nothing is sent: the client is
 * only built (an HTTP transport to a closed loopback port).
 */
describe('Runtime: the connected account', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function runtime(flags: GlobalFlags, env: NodeJS.ProcessEnv = {}): Runtime {
    const dir = mkdtempSync(join(tmpdir(), 'credyt-runtime-'));
    dirs.push(dir);
    const ctx = createContext(bufferedStreams({ tty: false }), { CREDYT_CONFIG_DIR: dir, ...env }, '0.0.0-test');
    return new Runtime(ctx, { baseUrl: 'http://127.0.0.1:9', apiKey: 'sk_test_x', ...flags }, new Command());
  }

  it('--account wins over CREDYT_ACCOUNT, and the client carries it', async () => {
    const rt = runtime({ account: ACCOUNT }, { CREDYT_ACCOUNT: 'acc_zzzzzzzzzzzzzzzzzzzzzzzzzz' });
    expect(rt.account()).toEqual({ id: ACCOUNT, source: 'flag' });
    expect((await rt.client()).account).toBe(ACCOUNT);
  });

  it('CREDYT_ACCOUNT selects one; none selected is the platform', async () => {
    expect((await runtime({}, { CREDYT_ACCOUNT: ACCOUNT }).client()).account).toBe(ACCOUNT);
    expect((await runtime({}).client()).account).toBeUndefined();
  });

  it('refuses a malformed CREDYT_ACCOUNT when the client is built, naming it', async () => {
    const rt = runtime({}, { CREDYT_ACCOUNT: 'studio' });
    await expect(rt.client()).rejects.toThrow('CREDYT_ACCOUNT="studio" is not a connected account id');
  });
});
