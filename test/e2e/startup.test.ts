import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

const TRACER = resolve(import.meta.dirname, '../helpers/trace-loads.mjs');
const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'dist/bundle/credyt.js');
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
    expect(chunks, 'bin/credyt.js did not load the bundle').toContain(pathToFileURL(BUNDLE).href);
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
  });

  it.skipIf(!existsSync(BUNDLE))('credyt --help evaluates commander and the top level only, no verb module', () => {
    const modules = loads(['--help'], 'bundle');
    expect(modules.filter((m) => /^src\/commands\/(?!help\/topics|integer-arg)/.test(m))).toEqual([]);
    expect(modules.filter((m) => /node_modules\/(chalk|decimal\.js|lossless-json|conf)\//.test(m))).toEqual([]);
  });
});
