import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { recordingServer, type Recorded } from './recorder.js';
import { checkRequest, findOperation } from './spec.js';

/**
 * What the client sends, held to Credyt's published spec: the main commands run in-process
 * against a real 127.0.0.1 server; every request they make to a published operation must
 * validate against its request schema, and none may use a path the spec lacks.
 */
const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

let server: Recorded;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await recordingServer();
  dir = mkdtempSync(join(tmpdir(), 'credyt-contract-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: server.url, CREDYT_API_KEY: 'key_contract' };
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function ok(args: string[]): Promise<string> {
  const r = await runMain([...args], { env });
  if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  return r.stdout;
}

describe('the client speaks the spec', () => {
  it('the main commands send only published operations, with bodies the spec accepts', async () => {
    await ok(['products', 'create', '--file', VIDEO, '--publish']);
    await ok(['products', 'list']);
    await ok(['products', 'get', 'glitch_video_std']);
    await ok(['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--precision', '0', '--rate', 'USD=0.001']);
    await ok(['assets', 'list']);
    await ok(['assets', 'get', 'TOK']);
    await ok(['assets', 'quote', 'TOK', '--amount', '5', '--source', 'USD']);
    await ok(['customers', 'create', '--name', 'Ana', '--external-id', 'ana', '--product', 'glitch_video_std']);
    await ok(['customers', 'list']);
    await ok(['customers', 'get', 'ana']);
    await ok(['adjust', 'ana', '25', 'USD', '--reason', 'external_topup', '--yes']);
    await ok(['adjust', 'ana', '-5', 'USD', '--reason', 'external_refund', '--yes']);
    await ok(['adjust', 'ana', '3', 'USD', '--reason', 'gift', '--yes', '--expires-at', '2099-01-01T00:00:00Z']);
    await ok(['top-up', 'ana', '10', 'USD', '--checkout', '--return-url', 'https://example.com/ok', '--failure-url', 'https://example.com/no']);
    await ok(['wallet', 'get', 'ana']);
    await ok(['wallet', 'account', 'ana', 'default:USD']);
    await ok(['usage', 'post', 'ana', '--type', 'video_promoted', '--subject', 'vid_1', '--data', 'video_id=v1']);
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, ['1', '2', '3'].map((n) => JSON.stringify({ customer: 'ana', type: 'video_promoted', subject: `vid_${n}` })).join('\n') + '\n');
    await ok(['usage', 'post', '--file', file]);
    await ok(['events', 'list', '--customer', 'ana']);
    await ok(['portal', 'ana']);

    const offSpec: string[] = [];
    const drift: string[] = [];
    let checked = 0;
    for (const x of server.exchanges) {
      const op = findOperation(x.method, x.url);
      if (!op) {
        offSpec.push(`${x.method} ${x.url}`);
        continue;
      }
      const verdict = checkRequest(op, x.requestText ? JSON.parse(x.requestText) : undefined);
      if (!verdict) continue;
      checked++;
      if (verdict.errors) drift.push(`${x.method} ${x.url} (${verdict.schema}): ${x.requestText}\n  ${JSON.stringify(verdict.errors.map((e) => `${e.instancePath} ${e.message}`))}`);
    }
    expect(offSpec).toEqual([]);
    // One event carries what every Credyt example sends (UsageEventInput x-always-sent-in-examples).
    const single = server.exchanges.find((x) => x.method === 'POST' && x.url === '/events')!;
    expect(Object.keys(JSON.parse(single.requestText).events[0])).toEqual(expect.arrayContaining(['id', 'event_type', 'occurred_at']));
    expect(drift).toEqual([]);
    // Every write above (products, asset, customer, 3 adjustments, top-up, 2 usage posts, portal).
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
