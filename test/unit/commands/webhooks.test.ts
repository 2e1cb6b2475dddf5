import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';
import { signPayload } from '../../../src/webhooks/signature.js';

/** `credyt webhooks …` in-process on the embedded engine (the worker is local serve's; see test/unit/server). */
describe('credyt webhooks', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-webhooks-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], tty = false, stdin?: string) => runMain(args, { env, tty, stdin });
  const ok = async (args: string[], tty = false) => {
    const r = await run(args, tty);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  it('create prints the id and secret; list, get, deliveries, resend and delete', async () => {
    const made = JSON.parse((await ok(['webhooks', 'create', '--url', 'http://127.0.0.1:9/hook', '--topic', 'adjustment.created', '--description', 'ci', '-o', 'json'])).stdout);
    expect(made).toMatchObject({ id: expect.stringMatching(/^whd_/), secret: expect.stringMatching(/^whsec_/), topics: ['adjustment.created'], connect: false, description: 'ci' });

    const table = await ok(['webhooks', 'create', '--url', 'https://example.com/all', '--connect'], true);
    expect(table.stdout).toMatch(/SECRET[\s\S]*whsec_/);
    expect(table.stderr).toMatch(/Created webhook whd_/);

    const listed = await ok(['webhooks', 'list']);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(`${made.id}\thttp://127.0.0.1:9/hook\tadjustment.created\tfalse\tci\t${made.created_at}`);
    expect(listed.stdout).not.toContain('whsec_');
    expect(JSON.parse((await ok(['webhooks', 'get', made.id, '-o', 'json'])).stdout).secret).toBe(made.secret);

    await ok(['customers', 'create', '--name', 'Acme', '--external-id', 'acme']);
    await ok(['adjust', 'acme', '2', 'USD', '--reason', 'gift']);
    const deliveries = JSON.parse((await ok(['webhooks', 'deliveries', made.id, '-o', 'json'])).stdout);
    expect(deliveries.items).toEqual([expect.objectContaining({ event_type: 'adjustment.created', status: 'pending', attempts: 0, last_attempt: null })]);
    expect(JSON.parse((await ok(['webhooks', 'deliveries', made.id, '--status', 'failed', '-o', 'json'])).stdout).items).toEqual([]);
    const tty = await ok(['webhooks', 'deliveries', made.id], true);
    expect(tty.stdout).toMatch(/DELIVERY ID.*EVENT TYPE.*STATUS/);
    const badStatus = await run(['webhooks', 'deliveries', made.id, '--status', 'lost']);
    expect(badStatus.code).toBe(2);

    const resent = JSON.parse((await ok(['webhooks', 'resend', deliveries.items[0].id, '-o', 'json'])).stdout);
    expect(resent).toMatchObject({ id: deliveries.items[0].id, status: 'pending' });

    expect(JSON.parse((await ok(['webhooks', 'delete', made.id, '-o', 'json'])).stdout)).toEqual({ id: made.id, deleted: true });
    const gone = await run(['webhooks', 'get', made.id]);
    expect(gone.code).toBe(4);
  });

  it('refuses bad input with exit 5 and a message naming the field; nothing is stored', async () => {
    const before = JSON.parse((await ok(['webhooks', 'list', '-o', 'json'])).stdout).total_count;
    for (const [url, topic] of [['not a url', '*'], ['javascript:alert(1)', '*'], ['file:///etc/passwd', '*'], ['https://x.test', 'top_up.done']]) {
      const r = await run(['webhooks', 'create', '--url', url, '--topic', topic]);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toMatch(topic === '*' ? /url/ : /topics\[0\] "top_up\.done" is not a topic/);
    }
    expect((await run(['webhooks', 'create'])).code).toBe(2);
    expect(JSON.parse((await ok(['webhooks', 'list', '-o', 'json'])).stdout).total_count).toBe(before);
  });
});

describe('credyt webhooks verify', () => {
  const secret = 'whsec_0123456789abcdefghjkmnpqrstvwxyz0123456789abcdefgh';
  const body = '{"id":"evt_1","type":"hold.voided","created":"2026-01-01T00:00:00.000Z","live_mode":false,"data":{}}';
  const now = Math.floor(Date.now() / 1000);
  const header = signPayload(secret, body, now);
  const verify = (args: string[], stdin?: string, tty = false) => runMain(['webhooks', 'verify', ...args], { stdin, tty });

  it('exit 0 for a valid, fresh signature (stdin or --file), with json and tty output', async () => {
    const piped = await verify(['--secret', secret, '--signature', header, '-o', 'json'], body);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ valid: true, timestamp: now });
    const dir = mkdtempSync(join(tmpdir(), 'credyt-verify-'));
    try {
      writeFileSync(join(dir, 'body.json'), body);
      const tty = await verify(['--secret', secret, '--signature', header, '--file', join(dir, 'body.json')], undefined, true);
      expect(tty.code, tty.stderr).toBe(0);
      expect(tty.stderr).toMatch(/Signature valid/);
      expect(tty.stdout).toMatch(/VALID[\s\S]*true/);
      const missing = await verify(['--secret', secret, '--signature', header, '--file', join(dir, 'nope.json')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--file .*nope\.json: no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 5 with the reason: changed body, changed timestamp, stale, malformed; exit 2 without --secret', async () => {
    const changed = await verify(['--secret', secret, '--signature', header], body.replace('hold.voided', 'hold.captured'));
    expect([changed.code, changed.stderr]).toEqual([5, expect.stringMatching(/bad signature/)]);
    const moved = await verify(['--secret', secret, '--signature', header.replace(`t=${now}`, `t=${now - 1}`)], body);
    expect([moved.code, moved.stderr]).toEqual([5, expect.stringMatching(/bad signature/)]);
    const old = signPayload(secret, body, now - 400);
    const stale = await verify(['--secret', secret, '--signature', old], body);
    expect([stale.code, stale.stderr]).toEqual([5, expect.stringMatching(/too old/)]);
    expect((await verify(['--secret', secret, '--signature', old, '--tolerance', '600'], body)).code).toBe(0);
    const malformed = await verify(['--secret', secret, '--signature', 'v0=abc'], body);
    expect([malformed.code, malformed.stderr]).toEqual([5, expect.stringMatching(/malformed signature header/)]);
    const noSecret = await verify(['--signature', header], body);
    expect([noSecret.code, noSecret.stderr]).toEqual([2, expect.stringMatching(/--secret/)]);
    const noBody = await verify(['--secret', secret, '--signature', header], undefined, true);
    expect([noBody.code, noBody.stderr]).toEqual([2, expect.stringMatching(/No body to check/)]);
  });
});
