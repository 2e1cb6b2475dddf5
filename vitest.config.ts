import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    unstubEnvs: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn processes and open SQLite files; two cores, so keep it modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
