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

describe('the README subscriptions block', () => {
  it('runs as written, the subscription id taken from the list it prints', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Subscriptions and the local clock'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!.replace(/\\\n\s*/g, '');
    const lines = block.split('\n').filter((l) => l.startsWith('credyt ')).map((l) => l.replace('examples/products/', `${ROOT}/examples/products/`));
    expect(lines.some((l) => l.includes('sub_…'))).toBe(true);
    for (const line of lines) {
      let argv = argvOf(line);
      if (argv.includes('sub_…')) {
        const id = (await runMain(['subscriptions', 'list', '--customer', 'ada', '-q'], { env, stdin: '' })).stdout.trim();
        argv = argv.map((a) => (a === 'sub_…' ? id : a));
      }
      const r = await runMain(argv, { env, stdin: '' });
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
    }
    const wallet = JSON.parse((await runMain(['wallet', 'get', 'ada', '-o', 'json'], { env })).stdout);
    expect(wallet.accounts.map((a: { asset: string; available: number }) => [a.asset, a.available])).toEqual(
      expect.arrayContaining([['USD', -20], ['CREDIT', 1000]]),
    );
  });
});
