import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';
import { openEngine } from '../../../src/engine/index.js';
import { publishedProduct, subscriber, usagePrice } from '../engine/pricing-fixture.js';

/** `credyt vendors …`, `customers stats` and costs on `usage post`, in-process on the embedded engine. */
describe('credyt vendors and stats', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-vendors-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    // A customer billed 0.05 USD per `chat` event, made on the same file the commands use.
    const engine = openEngine({ path: env.CREDYT_DB! });
    publishedProduct(engine, 'chat', [usagePrice('chat', { usage_type: 'unit' }, [{ unit_price: '0.05' }])]);
    subscriber(engine, ['chat'], 'Acme', 'acme');
    engine.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], tty = false) => runMain(args, { env, tty });
  const ok = async (args: string[], tty = false) => {
    const r = await run(args, tty);
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  it('creates, lists and gets vendors by id or external id (TTY and piped)', async () => {
    const made = JSON.parse((await ok(['vendors', 'create', '--name', 'OpenAI', '--external-id', 'openai', '-o', 'json'])).stdout);
    expect(made).toMatchObject({ id: expect.stringMatching(/^vnd_/), name: 'OpenAI', external_id: 'openai' });
    const tty = await ok(['vendors', 'create', '--name', 'Google', '--external-id', 'google'], true);
    expect(tty.stdout).toMatch(/NAME\s.*Google/);
    expect(tty.stderr).toMatch(/Created vendor vnd_/);
    const listed = (await ok(['vendors', 'list'])).stdout.trim().split('\n');
    expect(listed).toHaveLength(2);
    expect(listed[1]).toBe(`${made.id}\tOpenAI\topenai\t${made.created_at}`);
    expect(JSON.parse((await ok(['vendors', 'get', 'openai', '-o', 'json'])).stdout)).toEqual(made);
    expect((await ok(['vendors', 'get', made.id, '-q'])).stdout).toBe(`${made.id}\n`);
    const missing = await run(['vendors', 'get', 'nope']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('No vendor with id or external id "nope"');
  });

  it('usage post --cost, then customer and vendor stats with totals', async () => {
    for (let i = 0; i < 4; i++) await ok(['usage', 'post', 'acme', '--type', 'chat', '--occurred-at', '2026-01-0' + (1 + (i % 2)) + 'T10:00:00Z', '--cost', 'openai=0.02:usd']);
    const stats = JSON.parse((await ok(['customers', 'stats', 'acme', '-o', 'json'])).stdout);
    expect(stats).toMatchObject({ from: null, interval: null });
    expect(JSON.stringify(stats.margin)).toBe('[{"currency":"USD","revenue":0.2,"cost":0.08,"margin":0.12}]');
    const piped = await ok(['customers', 'stats', 'acme', '--interval', 'day']);
    expect(piped.stdout.split('\n').slice(0, -1)).toEqual([
      '2026-01-01\trevenue\tUSD\t0.1\t2',
      '2026-01-01\tcost\tUSD\t0.04\t2',
      '2026-01-01\tmargin\tUSD\t0.06\t',
      '2026-01-02\trevenue\tUSD\t0.1\t2',
      '2026-01-02\tcost\tUSD\t0.04\t2',
      '2026-01-02\tmargin\tUSD\t0.06\t',
      'total\trevenue\tUSD\t0.2\t4',
      'total\tcost\tUSD\t0.08\t4',
      'total\tmargin\tUSD\t0.12\t',
    ]);
    const table = await ok(['vendors', 'stats', 'openai', '--from', '2026-01-02'], true);
    expect(table.stdout).toMatch(/PERIOD.*KIND.*CURRENCY.*AMOUNT.*EVENTS/);
    expect(table.stdout).toMatch(/total\s.*cost\s.*USD\s.*0\.04\s.*2/);
  });

  it('bulk CSV cost.<vendor> columns and NDJSON costs; a bad cell names its line', async () => {
    const csv = join(dir, 'usage.csv');
    writeFileSync(csv, 'customer,type,occurred_at,cost.openai,cost.google\nacme,chat,2026-02-01T00:00:00Z,0.01:USD,\nacme,chat,2026-02-01T00:00:00Z,0.01:USD,0.5:EUR\nacme,chat,2026-02-01T00:00:00Z,lots,\n');
    const bulk = await run(['usage', 'post', '--file', csv, '-o', 'jsonl']);
    expect(bulk.code, bulk.stderr).toBe(9);
    expect(bulk.stdout).toContain('column \\"cost.openai\\": \\"lots\\" must look like AMOUNT:CURRENCY');
    const ndjson = join(dir, 'usage.ndjson');
    writeFileSync(ndjson, '{"customer":"acme","type":"chat","occurred_at":"2026-02-01T00:00:00Z","costs":[{"vendor_external_id":"anthropic","amount":1,"currency":"USD"}]}\n');
    const refused = await run(['usage', 'post', '--file', ndjson, '-o', 'jsonl']);
    expect(refused.code).toBe(9);
    expect(refused.stdout).toContain('costs[0].vendor_external_id');
    const feb = JSON.parse((await ok(['vendors', 'stats', 'google', '--from', '2026-02-01', '-o', 'json'])).stdout);
    expect(JSON.stringify(feb.costs)).toBe('[{"currency":"EUR","amount":0.5,"events":1}]');
    const month = JSON.parse((await ok(['vendors', 'stats', 'openai', '--interval', 'month', '-o', 'json'])).stdout);
    expect(month.periods.map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-02']);
  });

  it('refuses bad flags with exit 2, naming the flag', async () => {
    const badCost = await run(['usage', 'post', 'acme', '--type', 'chat', '--cost', 'openai=0.02']);
    expect(badCost.code).toBe(2);
    expect(badCost.stderr).toContain('--cost');
    expect(badCost.stderr).toContain('AMOUNT:CURRENCY');
    const badDay = await run(['customers', 'stats', 'acme', '--from', '2026-13-01']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('--from');
    const badInterval = await run(['vendors', 'stats', 'openai', '--interval', 'week']);
    expect(badInterval.code).toBe(2);
    const unknown = await run(['usage', 'post', 'acme', '--type', 'chat', '--cost', 'anthropic=1:USD']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('events[0].costs[0].vendor_external_id');
    const precision = await run(['usage', 'post', 'acme', '--type', 'chat', '--cost', 'openai=0.0000001:USD']);
    expect(precision.code).toBe(5);
    expect(precision.stderr).toContain('more than 6 decimal places');
  });
});
