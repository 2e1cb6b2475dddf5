import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, serve, type Sandbox } from '../helpers/cli.js';

const TRACER = resolve(import.meta.dirname, '../helpers/trace-loads.mjs');
const BUILTINS_TRACER = resolve(import.meta.dirname, '../helpers/trace-builtins.mjs');
const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'dist/bundle/credyt.js');
/** The root bundle, which runs that name no command load (bin/credyt.js). */
const ROOT_JSON = join(ROOT, 'dist/bundle/root.json');
const ROOT_BUNDLE = existsSync(ROOT_JSON) ? join(ROOT, 'dist/bundle', (JSON.parse(readFileSync(ROOT_JSON, 'utf8')) as { script: string }).script) : BUNDLE;
const BUNDLE_URL = pathToFileURL(join(ROOT, 'dist/bundle')).href + '/';
const HEAVY = /(^|\/)node_modules\/(@inquirer|undici|fastify|better-sqlite3)\/|(^|\/)(dist|src)\/(engine|server)\//;

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

describe('startup stays lean', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  /**
   * Every module a run evaluates. A chunk of the bundle stands for the source modules
   * esbuild put in it (dist/bundle/meta.json), so the same check holds with and without it.
   */
  function loads(args: string[], mode: 'bundle' | 'dist'): string[] {
    const file = join(box.dir, `loads-${mode}-${args.join('-') || 'none'}.txt`);
    writeFileSync(file, '');
    const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], {
      // Forced either way: a tsc run elsewhere in the checkout must not switch the mode.
      env: { ...box.env, CREDYT_TRACE_LOADS: file, CREDYT_BUNDLE: mode === 'bundle' ? '1' : '0' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const urls = readFileSync(file, 'utf8').trim().split('\n');
    const chunks = urls.filter((url) => url.startsWith(BUNDLE_URL));
    if (mode === 'dist') {
      expect(chunks).toEqual([]);
      return urls;
    }
    const entries = [BUNDLE, ROOT_BUNDLE].map((file) => pathToFileURL(file).href);
    expect(chunks.filter((url) => entries.includes(url)), 'bin/credyt.js did not load the bundle').toHaveLength(1);
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as Meta;
    return urls.flatMap((url) => {
      if (!url.startsWith(BUNDLE_URL)) return [url];
      const output = meta.outputs[`dist/bundle/${url.slice(BUNDLE_URL.length)}`];
      expect(output, `${url} is not in dist/bundle/meta.json`).toBeDefined();
      return Object.keys(output.inputs);
    });
  }

  it('npm run build leaves a bundle', () => {
    expect(existsSync(BUNDLE), 'dist/bundle/credyt.js is missing: run `npm run build`').toBe(true);
  });

  const commands = [['--help'], ['assets', 'create', '--help'], ['help', 'environment'], ['completion', 'bash'], ['profiles', 'list']];
  describe.each(['bundle', 'dist'] as const)('from %s', (mode) => {
    it.skipIf(mode === 'bundle' && !existsSync(BUNDLE)).each(commands.map((args) => [args]))(
      'credyt %s loads no prompt library, HTTP client, server or engine',
      (args) => {
        const heavy = loads(args, mode).filter((module) => HEAVY.test(module));
        expect(heavy).toEqual([]);
      },
    );

    it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('the tracer sees the engine when a command needs it', () => {
      expect(loads(['assets', 'list'], mode).some((module) => /(dist|src)\/engine\//.test(module))).toBe(true);
    });

    it.skipIf(mode === 'bundle' && !existsSync(BUNDLE))('an embedded read answers without loading fastify', () => {
      const modules = loads(['customers', 'list'], mode);
      expect(modules.some((module) => /(dist|src)\/server\/in-process\/router/.test(module))).toBe(true);
      expect(modules.filter((module) => /node_modules\/(fastify|@fastify|avvio|find-my-way|light-my-request|ajv)\//.test(module))).toEqual([]);
    });
  });

  /** The Node built-in modules a run of the bundle loads; stdout and stdin are pipes. */
  function builtins(args: string[], env: NodeJS.ProcessEnv = box.env): { stdout: string; modules: string[] } {
    const file = join(box.dir, `builtins-${args.join('-')}.txt`);
    const r = spawnSync(process.execPath, ['--import', BUILTINS_TRACER, BIN, ...args], {
      env: { ...env, CREDYT_TRACE_BUILTINS: file, CREDYT_BUNDLE: '1' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return { stdout: r.stdout, modules: readFileSync(file, 'utf8').trim().split('\n') };
  }

  it.skipIf(!existsSync(BUNDLE))('credyt --help loads no child_process (commander requires it for what the CLI never runs)', () => {
    const { stdout, modules } = builtins(['--help']);
    expect(stdout).toContain('Usage: credyt');
    expect(modules.filter((m) => /child_process|dgram/.test(m))).toEqual([]);
  });

  it.skipIf(!existsSync(BUNDLE))('wallet get over HTTP loads no http2, tls, crypto, perf_hooks or diagnostic report', async () => {
    await box.run(['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme']);
    await box.run(['top-up', 'acme', '5', 'USD']);
    const served = await serve(box, join(box.dir, 'local.db'));
    try {
      const { stdout, modules } = builtins(['wallet', 'get', 'acme', '-o', 'json'], {
        ...box.env,
        CREDYT_BASE_URL: served.url,
        CREDYT_API_KEY: served.apiKey,
      });
      expect(stdout).toContain('"available"');
      expect(modules).toContain('http');
      // undici requires http2 (tls, crypto) for HTTP/2 only; the performance global loads
      // perf_hooks; an ES import of node:process builds a facade that loads the report module.
      expect(modules.filter((m) => /^(http2|tls|crypto|perf_hooks)$|^internal\/(http2|tls|crypto)\/|^internal\/process\/report$/.test(m))).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it.skipIf(!existsSync(BUNDLE))('wallet get over HTTP reads a handful of files, the code commands share in one chunk', async () => {
    await box.run(['customers', 'create', '--name', 'Chunk Co', '--external-id', 'chunky']);
    const served = await serve(box, join(box.dir, 'local.db'));
    try {
      const file = join(box.dir, 'loads-wallet-http.txt');
      writeFileSync(file, '');
      const r = spawnSync(process.execPath, ['--import', TRACER, BIN, 'wallet', 'get', 'chunky', '-o', 'json'], {
        env: { ...box.env, CREDYT_TRACE_LOADS: file, CREDYT_BUNDLE: '1', CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const files = new Set(readFileSync(file, 'utf8').trim().split('\n').filter((url) => url.startsWith(BUNDLE_URL)));
      // The entry, the shared chunk, the wallet commands, esbuild's helpers, env-paths
      // (shared with conf): 33 files before.
      expect([...files].length, [...files].join('\n')).toBeLessThanOrEqual(6);
    } finally {
      await served.stop();
    }
  });

  it.skipIf(!existsSync(BUNDLE))('an embedded wallet get reads the engine side as one chunk', async () => {
    await box.run(['customers', 'create', '--name', 'Engine Co', '--external-id', 'engined']);
    const file = join(box.dir, 'loads-wallet-embedded.txt');
    writeFileSync(file, '');
    const r = spawnSync(process.execPath, ['--import', TRACER, BIN, 'wallet', 'get', 'engined', '-o', 'json'], {
      env: { ...box.env, CREDYT_TRACE_LOADS: file, CREDYT_BUNDLE: '1' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const files = new Set(readFileSync(file, 'utf8').trim().split('\n').filter((url) => url.startsWith(BUNDLE_URL)));
    // The five of a run over HTTP, the engine side's chunk, and one file for each of the
    // in-process transport's own import()s: 27 files before.
    expect([...files].length, [...files].join('\n')).toBeLessThanOrEqual(15);
  });

  it.skipIf(!existsSync(BUNDLE))('credyt --help evaluates commander and the top level only, no verb module', () => {
    const modules = loads(['--help'], 'bundle');
    expect(modules.filter((m) => /^src\/commands\/(?!help\/topics|integer-arg)/.test(m))).toEqual([]);
    expect(modules.filter((m) => /node_modules\/(chalk|decimal\.js|lossless-json|conf)\//.test(m))).toEqual([]);
  });

  it.skipIf(!existsSync(BUNDLE))('no chunk of the bundle is only stand-ins for built-in modules', () => {
    // Each is one more file for the ES module loader on the way of a command.
    const meta = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/meta.json'), 'utf8')) as Meta;
    const standIns = Object.entries(meta.outputs).filter(([file, { inputs }]) => {
      const names = Object.keys(inputs);
      return file.endsWith('.js') && names.length > 0 && names.every((name) => name.startsWith('builtin-require:'));
    });
    expect(standIns.map(([file]) => file)).toEqual([]);
  });
});
