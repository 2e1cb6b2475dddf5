import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { screen } from '../helpers/screen.js';
import { main } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';

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

describe('usage post --file on a terminal: messages and the progress bar', () => {
  it('failed lines are logged above the bar; no bar is left behind; the summary follows the messages', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      // Every 40th line unreadable, every 50th for a customer that does not exist.
      if (i % 40 === 7) lines.push('{"customer":"v1","type":');
      else lines.push(JSON.stringify({ customer: i % 50 === 3 ? 'ghost' : 'v1', type: 'video_promoted', subject: `tty_${i}` }));
    }
    const file = join(dir, 'tty.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');
    const io = bufferedStreams({ tty: true });
    // As the real stderr of a terminal: cli-progress looks at the stream itself.
    Object.assign(io.stderr, { isTTY: true, columns: 100 });
    const code = await main(['usage', 'post', '--file', file, '--batch-size', '20'], createContext(io, { ...env }, '0.0.0-test'));
    expect(code).toBe(9);
    const bytes = io.err();
    // The bar really was drawn, and nothing saves and restores the cursor around it.
    expect(bytes).toMatch(/\d+ lines \| \d+ lines\/s/);
    expect(bytes).not.toMatch(/\x1b[78]/);
    // Each message: the bar's line cleared first, the bar drawn again below it.
    const message = /\/[^\s\x1b]*tty\.ndjson:\d+: [^\n]*\n/g;
    for (const m of bytes.matchAll(message)) {
      expect(bytes.slice(m.index! - 8, m.index), m[0]).toBe('\x1b[1G\x1b[2K');
      expect(bytes.slice(m.index! + m[0].length, m.index! + m[0].length + 4)).toBe('\x1b[1G');
    }
    // The bar cleared (cursor shown again, erase to the end of the screen) before the summary.
    expect(bytes).toMatch(/\x1b\[\?25h\x1b\[1G\x1b\[0J400 lines: /);
    const shown = screen(bytes).filter((l) => l !== '');
    const failed = [...new Set(lines.flatMap((l, i) => (l.includes('ghost') || !l.endsWith('}') ? [i + 1] : [])))];
    expect(shown.slice(0, failed.length)).toEqual(failed.map((n) => expect.stringMatching(new RegExp(`tty\\.ndjson:${n}: `))));
    expect(shown[failed.length]).toMatch(/^400 lines: \d+ accepted, 0 duplicate, 18 failed in /);
    expect(shown.join('\n')).not.toMatch(/lines\/s \|| \| \d+ lines/);
  });
});
