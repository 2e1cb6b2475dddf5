import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    clearMocks: true,
    restoreMocks: true,
    unstubEnvs: true,
    // End-to-end tests spawn the CLI many times; a loaded 2-core machine needs the room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // e2e tests spawn processes and open SQLite files; two cores, so keep it modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
