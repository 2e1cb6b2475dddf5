import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-flags-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--version', () => {
  it('is the program version before any command', async () => {
    for (const argv of [['--version'], ['-V'], ['-p', 'local', '--version']]) {
      const r = await runMain(argv, { env });
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout).toBe('0.0.0-test\n');
    }
  });

  it("after a command is that command's flag: products simulate --version 2 simulates version 2", async () => {
    const r = await runMain(['products', 'simulate', 'render', '--version', '2', '--type', 'render_finished'], { env });
    expect(r.stdout).not.toContain('0.0.0-test');
    expect(r.code).toBe(4); // no product "render": it did try to simulate
    expect(r.stderr).toMatch(/render/);
  });

  it('after a command without one is an unknown option (exit 2)', async () => {
    const r = await runMain(['wallet', 'get', 'acme', '--version'], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option '--version'/);
  });
});

describe('"Run `credyt X --help`" hints', () => {
  it('name the command when global flags and their values come first', async () => {
    const cases: [string[], string][] = [
      [['-p', 'local', 'wallet', 'get'], 'credyt wallet get --help'],
      [['--profile', 'local', 'customers', 'create', '--no-input'], 'credyt customers create --help'],
      [['-o', 'json', '--db', join(dir, 'local.db'), 'rates', 'add'], 'credyt rates add --help'],
      [['--fields', 'id', '-p', 'local', 'top-up', 'acme', '1', 'USD', '--reason', 'nope'], 'credyt top-up --help'],
    ];
    for (const [argv, hint] of cases) {
      const r = await runMain(argv, { env });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(`Run \`${hint}\` for usage.`);
    }
  });
});

describe('--fields without a value', () => {
  it('says which word it took when the parse then fails, and --fields= lists the fields', async () => {
    const r = await runMain(['customers', 'get', '--fields', 'acme'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fields took "acme" as its value. To list the fields, write --fields= or put --fields last.');
    const list = await runMain(['customers', 'list', '--fields='], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/external_id/);
  });
});
