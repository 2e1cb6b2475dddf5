import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir, defaultDataDir, defaultDbPath } from '../../../src/config/index.js';

describe('default locations', () => {
  it('uses the OS directories named credyt, without the -nodejs suffix', () => {
    expect(defaultConfigDir()).toMatch(/[\\/]credyt$/);
    expect(defaultDataDir()).toMatch(/[\\/]credyt$/);
    expect(defaultDbPath()).toBe(join(defaultDataDir(), 'local.db'));
  });
});
