import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { setUp, usageLines } from '../helpers/usage-lines.js';

const TRACER = resolve(import.meta.dirname, '../helpers/trace-loads.mjs');
const BUILTINS_TRACER = resolve(import.meta.dirname, '../helpers/trace-builtins.mjs');
const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'dist/bundle/credyt.js');
const BUNDLE_URL = pathToFileURL(join(ROOT, 'dist/bundle')).href + '/';
const UNDICI = /(^|\/)node_modules\/undici\//;

/**
 * A one-shot command against a server sends its requests over node:http, however many,
 * without loading undici (its JavaScript and llhttp's WebAssembly cost about a third of a
 * `node -e 0`); a bulk run, many requests at once, goes through undici's pool.
 */
describe.each(['bundle', 'dist'] as const)('HTTP client loaded by a run, from %s', (mode) => {
  let box: Sandbox;
  let served: Served;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    box = sandbox();
    served = await serve(box, join(box.dir, 'served.db'));
    env = { ...box.env, CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey };
    await setUp(box, { CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey });
  }, 120_000);
  afterAll(async () => {
    await served?.stop();
    box?.cleanup();
  });

  /** Every module a run evaluates (a bundle chunk stands for the source modules in it), and its stdout. */
  function run(args: string[]): { stdout: string; modules: string[] } {
    const file = join(box.dir, `loads-${mode}-${args[0]}.txt`);
    const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], {
      env: { ...env, CREDYT_TRACE_LOADS: file, CREDYT_BUNDLE: mode === 'bundle' ? '1' : '0' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const urls = readFileSync(file, 'utf8').trim().split('\n');
    if (mode === 'dist') return { stdout: r.stdout, modules: urls };
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const modules = urls.flatMap((url) => (url.startsWith(BUNDLE_URL) ? Object.keys(meta.outputs[`dist/bundle/${url.slice(BUNDLE_URL.length)}`]?.inputs ?? {}) : [url]));
    return { stdout: r.stdout, modules };
  }

  it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('wallet get answers over node:http and loads no undici', () => {
    const { stdout, modules } = run(['wallet', 'get', 'v1', '-o', 'json']);
    expect(stdout).toContain('"accounts"');
    expect(modules.filter((m) => UNDICI.test(m))).toEqual([]);
  });

  /** The Node built-in modules a run loads. */
  function builtins(args: string[], runEnv: NodeJS.ProcessEnv): string[] {
    const file = join(box.dir, `builtins-${mode}-${args[0]}.txt`);
    const r = spawnSync(process.execPath, ['--import', BUILTINS_TRACER, BIN, ...args], {
      env: { ...runEnv, CREDYT_TRACE_BUILTINS: file, CREDYT_BUNDLE: mode === 'bundle' ? '1' : '0' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(file, 'utf8').trim().split('\n');
  }

  it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('the transport loads node:v8 and timers/promises only for undici', () => {
    // Over HTTP, and embedded (the runtime imports the HTTP transport for every run).
    const unused = (m: string) => /^(v8|timers\/promises)$/.test(m);
    expect(builtins(['wallet', 'get', 'v1', '-o', 'json'], env).filter(unused)).toEqual([]);
    expect(builtins(['customers', 'list', '-o', 'json'], box.env).filter(unused)).toEqual([]);
  });

  it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('a bulk run loads undici for its pool', () => {
    const file = join(box.dir, `usage-${mode}.ndjson`);
    writeFileSync(file, usageLines(400).join('\n') + '\n');
    const { stdout, modules } = run(['usage', 'post', '--file', file, '--batch-size', '20', '-o', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ lines: 400, failed: 0 });
    expect(modules.some((m) => UNDICI.test(m))).toBe(true);
  });

  // After the bulk run above: its 400 events are ten pages of 40, ten requests one at a time.
  it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('a one-shot command of ten requests stays on node:http and loads no undici', () => {
    const { stdout, modules } = run(['api', 'GET', '/events?limit=40', '--paginate', '-o', 'json']);
    expect(JSON.parse(stdout)).toHaveLength(400);
    expect(modules.filter((m) => UNDICI.test(m))).toEqual([]);
  });
});
