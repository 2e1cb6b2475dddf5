import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

const TRACER = resolve(import.meta.dirname, '../helpers/trace-loads.mjs');
const ROOT = resolve(import.meta.dirname, '../..');
const ROOT_JSON = join(ROOT, 'dist/bundle/root.json');

/** The root bundle's script and code cache in a build (dist/bundle/root.json names them). */
function rootFiles(tree: string): { script: string; cache: string } {
  const { script, cache } = JSON.parse(readFileSync(join(tree, 'dist/bundle/root.json'), 'utf8')) as { script: string; cache: string };
  return { script: join(tree, 'dist/bundle', script), cache: join(tree, 'dist/bundle', cache) };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Whether the run compiled the root bundle of its tree. */
  root: boolean;
}

/**
 * Runs that name no command take the root bundle (bin/credyt.js): one CommonJS script
 * with a V8 code cache instead of the ES module chunks. It must answer exactly as the
 * rest of the CLI does, and a run must never depend on it being there or current.
 */
describe.skipIf(!existsSync(ROOT_JSON))('the root bundle', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  function run(args: string[], bundle: '0' | '1', bin = BIN): Run {
    const trace = join(box.dir, 'loads.txt');
    writeFileSync(trace, '');
    const tree = join(bin, '../..');
    const rootUrl = existsSync(join(tree, 'dist/bundle/root.json')) ? pathToFileURL(rootFiles(tree).script).href : undefined;
    const r = spawnSync(process.execPath, ['--import', TRACER, bin, ...args], {
      env: { ...box.env, CREDYT_TRACE_LOADS: trace, CREDYT_BUNDLE: bundle },
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, root: rootUrl !== undefined && readFileSync(trace, 'utf8').split('\n').includes(rootUrl) };
  }

  const rootRuns = [[], ['--help'], ['-h'], ['--version'], ['-V'], ['--bogus'], ['-o', 'json', '--help'], ['walet'], ['--profile']];
  it.each(rootRuns.map((args) => [args]))('credyt %s answers from the root bundle as from dist/', (args) => {
    const bundled = run(args, '1');
    expect(bundled.root).toBe(true);
    expect({ ...bundled, root: undefined }).toEqual({ ...run(args, '0'), root: undefined });
  });

  it.each([[['help', 'environment']], [['wallet', '--help']], [['--help', 'assets']]])('credyt %s names a command: the ES module chunks run it', (args) => {
    const r = run(args, '1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.root).toBe(false);
  });

  describe('in a copy of the build', () => {
    let tree: string;
    beforeAll(() => {
      tree = join(box.dir, 'tree');
      mkdirSync(join(tree, 'bin'), { recursive: true });
      for (const file of ['bin/credyt.js', 'bin/package.json', 'package.json']) copyFileSync(join(ROOT, file), join(tree, file));
      cpSync(join(ROOT, 'dist/bundle'), join(tree, 'dist/bundle'), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
    });
    const help = () => run(['--help'], '0').stdout;

    it('a code cache V8 rejects costs time, never the answer', () => {
      writeFileSync(rootFiles(tree).cache, 'not a code cache');
      const r = run(['--help'], '1', join(tree, 'bin/credyt.js'));
      expect(r.root).toBe(true);
      expect(r.stdout).toBe(help());
    });

    it('without a code cache the root bundle compiles as it runs', () => {
      rmSync(rootFiles(tree).cache);
      const r = run(['--help'], '1', join(tree, 'bin/credyt.js'));
      expect(r.root).toBe(true);
      expect(r.stdout).toBe(help());
    });

    it('a build without the root bundle runs the ES module chunks', () => {
      rmSync(join(tree, 'dist/bundle/root.json'));
      const r = run(['--help'], '1', join(tree, 'bin/credyt.js'));
      expect(r.root).toBe(false);
      expect(r.stdout).toBe(help());
    });
  });
});
