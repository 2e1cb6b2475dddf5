import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

const TRACER = resolve(import.meta.dirname, '../helpers/trace-loads.mjs');
const HEAVY = /node_modules\/(@inquirer|undici|fastify|better-sqlite3)\/|\/dist\/(engine|server)\//;

describe('startup stays lean', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  function loads(args: string[]): string[] {
    const file = join(box.dir, `loads-${args.join('-') || 'none'}.txt`);
    const r = spawnSync(process.execPath, ['--import', TRACER, BIN, ...args], {
      env: { ...box.env, CREDYT_TRACE_LOADS: file },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    return readFileSync(file, 'utf8').trim().split('\n');
  }

  it.each([[['--help']], [['assets', 'create', '--help']], [['help', 'environment']], [['completion', 'bash']], [['profiles', 'list']]])(
    'credyt %s loads no prompt library, HTTP client, server or engine',
    (args) => {
      const heavy = loads(args).filter((url) => HEAVY.test(url));
      expect(heavy).toEqual([]);
    },
  );

  it('the tracer sees the engine when a command needs it', () => {
    expect(loads(['assets', 'list']).some((url) => /\/dist\/engine\//.test(url))).toBe(true);
  });
});
