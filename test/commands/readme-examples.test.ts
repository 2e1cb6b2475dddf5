import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** `credyt a "b c" --d` → ['a', 'b c', '--d'], without the trailing `# comment`. */
function argvOf(line: string): string[] {
  const words = line.replace(/\s+#.*$/, '').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  return words.slice(1).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
}

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-readme-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runAll(lines: string[]) {
  for (const line of lines) {
    const r = await runMain(argvOf(line), { env, stdin: '' });
    expect(r.code, `${line}\n${r.stderr}`).toBe(0);
  }
}

describe('examples that must run as written', () => {
  it("examples/products/images.yaml: its header's commands create the IMG asset and the product", async () => {
    const text = readFileSync(join(ROOT, 'examples/products/images.yaml'), 'utf8');
    const lines = [...text.matchAll(/^#\s+(credyt .*)$/gm)].map((m) => m[1]!.replace('examples/products/', `${ROOT}/examples/products/`));
    expect(lines.length).toBeGreaterThan(0);
    await runAll(lines);
  });

  it("the README's products and usage block", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Products, usage and real-time fees'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const lines = block.split('\n').filter((l) => l.startsWith('credyt ')).map((l) => l.replace('examples/products/', `${ROOT}/examples/products/`));
    expect(lines.some((l) => l.includes('images.yaml'))).toBe(true);
    await runAll(lines);
  });
});
