import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.js';
import { memoryEngine } from '../engine/fixture.js';

describe('app start-up (every embedded CLI command pays it)', () => {
  it('builds without loading a JSON-schema compiler', async () => {
    const started = performance.now();
    const engine = memoryEngine();
    const app = createApp({ engine, requireApiKey: false });
    const answer = await app.inject({ method: 'GET', url: '/accounts/self' });
    const elapsed = performance.now() - started;
    console.info(`createApp + first inject: ${elapsed.toFixed(1)} ms`);
    expect(answer.statusCode).toBe(200);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.filter((path) => /node_modules[\\/](ajv|@fastify[\\/]ajv-compiler)[\\/]/.test(path))).toEqual([]);
    // Its time is a benchmark figure (bench/README.md), not an assertion: CI load varies.
    await app.close();
    engine.close();
  });
});
