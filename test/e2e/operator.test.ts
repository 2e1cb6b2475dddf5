import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { openEngine } from '../../src/engine/index.js';

const ESC = '\x1b';

/** A TCP server that accepts connections and never answers: a hung API. */
async function hungServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** A shell pipeline in the sandbox, with pipefail: the exit code is credyt's. */
function pipeline(box: Sandbox, script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], { env: { ...box.env, CREDYT: `${process.execPath} ${BIN}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
  // 250 customers in the embedded database, written by the engine itself (fast).
  const engine = openEngine({ path: box.env.CREDYT_DB! });
  for (let i = 0; i < 250; i++) engine.createCustomer({ name: `Customer ${i}`, external_id: `c${String(i).padStart(3, '0')}` });
  engine.close();
});
afterAll(() => box.cleanup());

// Lists, `credyt api`, --debug and credentials run in-process: test/commands/operator.test.ts.

describe('pipes and signals', () => {
  it('a reader that goes away is not an error (EPIPE)', async () => {
    const closed = await pipeline(box, '$CREDYT customers list --all | true');
    expect(closed).toMatchObject({ code: 0, stderr: '' });
    const head = await pipeline(box, '$CREDYT customers list --all -o jsonl | head -1');
    expect(head.code).toBe(0);
    expect(head.stderr).toBe('');
    expect(head.stdout.split('\n')).toHaveLength(2);
  });

  it('output is complete when piped', async () => {
    const whole = await pipeline(box, '$CREDYT api GET /customers --paginate -o jsonl | cat');
    expect(whole.stdout.trim().split('\n')).toHaveLength(250);
  });

  it('no colour codes reach a pipe, even for tables and errors', async () => {
    for (const args of [['customers', 'list', '-o', 'table'], ['wallet', 'get', 'nobody'], ['walet'], ['assets', 'create']]) {
      const r = await box.run(args);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(ESC);
    }
  });

  it('SIGINT during a request exits 130 without a stack trace', async () => {
    const hung = await hungServer();
    try {
      const child = spawn(process.execPath, [BIN, 'customers', 'list', '--base-url', hung.url], {
        env: { ...box.env, CREDYT_API_KEY: 'key_test_0123456789abcdef' },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGINT');
      const code = await new Promise((r) => child.on('close', r));
      expect(code).toBe(130);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await hung.close();
    }
  });

  it('completion lookups give up after 2 s and print nothing', async () => {
    const hung = await hungServer();
    try {
      const started = Date.now();
      const r = await box.run(['__complete', 'assets', '--base-url', hung.url], { env: { CREDYT_API_KEY: 'key_test_0123456789abcdef' } });
      // 2 s of waiting plus a process start; generous for a loaded machine, far below the
      // 30 s request timeout a lookup without its own limit would wait.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    } finally {
      await hung.close();
    }
  });
});
