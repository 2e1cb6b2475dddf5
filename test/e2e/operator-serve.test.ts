import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';

describe('local serve --host 0.0.0.0', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('prints a login command that login accepts (loopback, not 0.0.0.0)', async () => {
    const child = spawn(process.execPath, [BIN, 'local', 'serve', '--host', '0.0.0.0', '--port', '0', '--db', join(box.dir, 's.db')], {
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.setEncoding('utf8');
      const hint = await new Promise<string>((done, fail) => {
        child.stderr.on('data', (d: string) => {
          stderr += d;
          const line = /Log a profile in with: +(.*)\n/.exec(stderr);
          if (line) done(line[1]!);
        });
        child.on('close', (code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const [, key, url] = /^printf %s (\S+) \| credyt login --profile local-http --base-url (\S+) --with-key$/.exec(hint)!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const login = await box.run(['login', '--profile', 'local-http', '--base-url', url!, '--with-key'], { input: key });
      expect(login.code, login.stderr).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
