import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { haveTool } from '../../helpers/tools.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('tests that need a missing tool', () => {
  it('skip with one line naming the tool and how to install it', () => {
    vi.stubEnv('CI', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(haveTool('no-such-shell-here', 'shell tests')).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^SKIPPED shell tests: no-such-shell-here is not installed \(install no-such-shell-here/);
  });

  it('fail when CI is set: there they are required', () => {
    vi.stubEnv('CI', 'true');
    expect(() => haveTool('fish-not-here', 'fish completion tests')).toThrow(/CI is set.*fish-not-here is not installed/);
  });

  it('run when the tool is here', () => {
    expect(haveTool('bash', 'bash completion tests')).toBe(true);
  });
});

describe('package.json on a fresh machine', () => {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    allowScripts?: Record<string, boolean>;
  };

  it('allows the install scripts that build the SQLite binding and esbuild (npm >= 11 skips others)', () => {
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, esbuild: true });
  });

  it('checks after install that the SQLite binding loads, so a skipped build fails the install', () => {
    expect(pkg.scripts.prepare).toMatch(/^node scripts\/check-install\.mjs && /);
  });

  it('builds at prepare only when dist/ is older than its sources (npx in the checkout runs prepare again)', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/check-install.mjs && node scripts/build-if-stale.mjs');
  });

  it('has a fast unit-test script that needs no build', () => {
    // test/tsconfig.json is noEmit: the type check writes nothing and needs no dist/.
    expect(pkg.scripts['test:unit']).toMatch(/^tsc -p test\/tsconfig\.json && vitest run /);
    expect(pkg.scripts['test:unit']).not.toMatch(/build|test\/e2e/);
  });
});

describe('a CLI whose SQLite binding did not build', () => {
  it('says how to rebuild it instead of an unexpected error', async () => {
    const { ledgerFileError } = await import('../../../src/client/ledger-file.js');
    const error = ledgerFileError(new Error('Could not locate the bindings file. Tried:\n → /x/better_sqlite3.node'), '/tmp/x.db');
    expect(error?.message).toBe('The SQLite binding of the embedded engine does not load: Could not locate the bindings file. Tried:');
    expect(error?.hint).toMatch(/npm rebuild better-sqlite3/);
    expect(error?.exitCode).toBe(1);
  });
});
