import { defineConfig } from 'vitest/config';

// Tests that look at which modules a process has loaded: they need a worker of their own.
const OWN_WORKER = ['test/unit/server/startup.test.ts'];
// In-process tiers: nothing in them keeps global state (no vi.mock, no global dispatcher),
// so a worker keeps its loaded modules from one file to the next instead of importing
// src/ again per file; on 2 cores that import was most of the unit tier's time.
const SHARED_MODULES = ['test/unit/**/*.test.ts', 'test/commands/**/*.test.ts', 'test/golden/**/*.test.ts', 'test/contract/**/*.test.ts'];

export default defineConfig({
  test: {
    clearMocks: true,
    restoreMocks: true,
    unstubEnvs: true,
    // End-to-end tests spawn the CLI many times; a loaded 2-core machine needs the room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // e2e tests spawn processes and open SQLite files; two cores, so keep it modest.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'in-process', include: SHARED_MODULES, exclude: OWN_WORKER, isolate: false },
      },
      { extends: true, test: { name: 'own-worker', include: OWN_WORKER } },
      {
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: [...SHARED_MODULES, '**/node_modules/**'] },
      },
    ],
  },
});
