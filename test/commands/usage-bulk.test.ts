import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-usage-bulk-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  const ok = async (args: string[]) => {
    const r = await runMain(args, { env });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  };
  await ok(['products', 'create', '--file', VIDEO, '--publish']);
  for (const c of ['v1', 'v2']) await ok(['customers', 'create', '--name', c, '--external-id', c, '--product', 'glitch_video_std']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function results(stdout: string): { line: number; ok: boolean; status?: string; unbilled?: boolean; error?: { code: string } }[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('usage post --file: a line too large for one request', () => {
  it('is rejected alone, before batching; its neighbours in the same batch go in', async () => {
    const big = 'x'.repeat(10.5 * 1024 * 1024);
    const lines = [
      { customer: 'v1', type: 'video_promoted', subject: 'big_1' },
      { customer: 'v1', type: 'video_promoted', subject: 'big_2', data: { blob: big } },
      { customer: 'v1', type: 'video_promoted', subject: 'big_3' },
    ];
    const file = join(dir, 'oversized.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await runMain(['usage', 'post', '--file', file, '-o', 'jsonl'], { env });
    expect(r.code).toBe(9);
    const got = results(r.stdout);
    expect(got.map((x) => [x.line, x.ok])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(got[1]!.error!.code).toBe('payload_too_large');
    expect(r.stderr).toMatch(/oversized\.ndjson:2: .*10 MiB/);
  });
});
