import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process-sandbox.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/products');
const example = (name: string) => join(EXAMPLES, name);

// Each case spawns a dozen CLI runs; on a 2-core machine busy with the bulk tests of
// pipeline.test.ts beside it, 30 s is too tight.
describe('products, subscriptions, usage and real-time fees', { timeout: 120_000 }, () => {
  let box: InProcessSandbox;
  const ok = async (args: string[], input?: string) => {
    const r = await box.run(args, { input });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
    return r;
  };
  const available = async (customer: string, account: string) =>
    (await ok(['wallet', 'account', customer, account, '-o', 'json'])).stdout.match(/"available": (-?[\d.]+)/)![1];

  beforeAll(() => {
    box = inProcessSandbox();
  });
  afterAll(() => box.cleanup());

  it('unit price: one fee of 0.5, 19.5 left, a replay is a duplicate', async () => {
    await ok(['products', 'create', '--file', example('video.json'), '--publish']);
    await ok(['customers', 'create', '--name', 'Video Co', '--external-id', 'video', '--product', 'glitch_video_std']);
    expect(await available('video', 'default:USD')).toBe('0');
    await ok(['adjust', 'video', '20', 'USD', '--reason', 'external_topup']);
    const id = randomUUID();
    // occurred_at defaults to now, so a replay by hand gives the same time too (the id's body).
    const at = new Date().toISOString();
    const first = await ok(['usage', 'post', 'video', '--type', 'video_promoted', '--id', id, '--occurred-at', at, '-o', 'json']);
    expect(first.stdout).toMatch(/"amount": 0\.5\b/);
    expect(json(first).events[0]).toMatchObject({ id, status: 'accepted', fees: [{ asset: 'USD', product_version: 1 }] });
    expect(await available('video', 'default:USD')).toBe('19.5');
    const again = await ok(['usage', 'post', 'video', '--type', 'video_promoted', '--id', id, '--occurred-at', at, '-o', 'json']);
    expect(json(again).events[0].status).toBe('duplicate');
    expect(await available('video', 'default:USD')).toBe('19.5');
    const event = await ok(['events', 'get', id, '-o', 'json']);
    expect(json(event)).toMatchObject({ id, event_type: 'video_promoted', fees: [{ amount: 0.5, asset: 'USD' }] });
    const tsv = await ok(['events', 'get', id]);
    expect(tsv.stdout.split('\t')).toContain('0.5');
  });

  it('a custom asset price debits the custom account: 100 IMG → 99', async () => {
    await ok(['assets', 'create', '--code', 'IMG', '--name', 'Images', '--label', 'img', '--precision', '2', '--rate', 'USD=0.10']);
    await ok(['products', 'create', '--file', example('images.yaml'), '--publish']);
    await ok(['customers', 'create', '--name', 'Studio', '--external-id', 'studio']);
    await ok(['customers', 'subscribe', 'studio', '--product', 'studio_images']);
    await ok(['top-up', 'studio', '10', 'USD', '--asset', 'IMG']);
    expect(await available('studio', 'default:IMG')).toBe('100');
    await ok(['usage', 'post', 'studio', '--type', 'image_generated']);
    expect(await available('studio', 'default:IMG')).toBe('99');
  });

  it('volume with a package size: 1.25 + 10 = 11.25, and 1,234 tokens → 0.001543', async () => {
    await ok(['products', 'create', '--file', example('chat-api.yaml'), '--publish']);
    await ok(['customers', 'create', '--name', 'Chatty', '--external-id', 'chatty', '--product', 'chat_api@1']);
    const both = await ok(['usage', 'post', 'chatty', '--type', 'chat_completed', '--data', 'input_tokens=1000000', '--data', 'output_tokens=1000000', '-o', 'json']);
    const fees = json(both).events[0].fees.map((f: { amount: number }) => f.amount).sort((a: number, b: number) => a - b);
    expect(fees).toEqual([1.25, 10]);
    expect(await available('chatty', 'default:USD')).toBe('-11.25');
    const small = await ok(['usage', 'post', 'chatty', '--type', 'chat_completed', '--data', 'input_tokens=1234', '-o', 'json']);
    expect(small.stdout).toMatch(/"amount": 0\.001543\b/);
    expect(await available('chatty', 'default:USD')).toBe('-11.251543');
  });

  it('dimensional: fast 10, regular 40; an unknown speed is free until a * entry exists', async () => {
    await ok(['products', 'create', '--file', example('render.yaml'), '--publish']);
    await ok(['customers', 'create', '--name', 'Renderer', '--external-id', 'renderer', '--product', 'render']);
    const post = async (data: string[]) =>
      json(await ok(['usage', 'post', 'renderer', '--type', 'render_finished', ...data.flatMap((d) => ['--data', d]), '-o', 'json'])).events[0].fees;
    expect((await post(['minutes=10', 'speed=fast']))[0].amount).toBe(10);
    expect((await post(['minutes=100', 'speed=regular']))[0].amount).toBe(40);
    expect(await post(['minutes=5', 'speed=warp'])).toEqual([]);
    const sim = await ok(['products', 'simulate', 'render', '--type', 'render_finished', '--data', 'minutes=5', '--data', 'speed=warp', '-o', 'json']);
    expect(json(sim).events[0].fees).toEqual([]);

    await ok(['products', 'version', 'render', '--file', example('render-wildcard.yaml'), '--publish']);
    await ok(['products', 'publish', 'render', '2', '--default']);
    const wild = await ok(['products', 'simulate', 'render', '--type', 'render_finished', '--data', 'minutes=5', '--data', 'speed=warp', '-o', 'json']);
    expect(json(wild).events[0].fees[0].amount).toBe(2);
    // The existing subscriber stays on version 1: still no fee for an unknown speed.
    expect(await post(['minutes=5', 'speed=warp'])).toEqual([]);
  });

  it('a new version with a higher price: old subscribers keep theirs, new ones get the default', async () => {
    const v2 = join(box.dir, 'video-v2.json');
    writeFileSync(
      v2,
      JSON.stringify({
        name: 'Glitch Video Standard',
        prices: [
          {
            name: 'Promoted video',
            type: 'usage_based',
            billing_model: { type: 'real_time' },
            usage_calculation: { event_type: 'video_promoted', usage_type: 'unit' },
            pricing: [{ asset: 'USD', values: [{ unit_price: 0.75 }] }],
          },
        ],
      }),
    );
    await ok(['products', 'version', 'glitch_video_std', '--file', v2, '--publish']);
    await ok(['products', 'publish', 'glitch_video_std', '2', '--default']);
    const product = json(await ok(['products', 'get', 'glitch_video_std', '-o', 'json']));
    expect(product.default_version).toBe(2);
    const old = await ok(['usage', 'post', 'video', '--type', 'video_promoted', '-o', 'json']);
    expect(json(old).events[0].fees[0]).toMatchObject({ amount: 0.5, product_version: 1 });
    await ok(['customers', 'create', '--name', 'Late Co', '--external-id', 'late', '--product', 'glitch_video_std']);
    const late = await ok(['usage', 'post', 'late', '--type', 'video_promoted', '-o', 'json']);
    expect(json(late).events[0].fees[0]).toMatchObject({ amount: 0.75, product_version: 2 });
  });

  it('an event at a terminal is a table with its fee; piped, tab-separated rows', async () => {
    // A new subscriber gets the default version: 2 since the test above, 0.75 a video.
    await ok(['customers', 'create', '--name', 'Tty Co', '--external-id', 'tty', '--product', 'glitch_video_std']);
    await ok(['adjust', 'tty', '5', 'USD', '--reason', 'external_topup']);
    const tty = await box.run(['usage', 'post', 'tty', '--type', 'video_promoted'], { tty: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stdout).toMatch(/│ EVENT +│ TYPE +│ STATUS +│ PRODUCT +│ PRICE +│ ASSET +│ AMOUNT +│ ACCOUNT +│/);
    expect(tty.stdout).toMatch(/│ video_promoted │ accepted │ glitch_video_std@2 │ Promoted video │ USD +│ 0\.750000 │ default:USD │/);
    const piped = await ok(['usage', 'post', 'tty', '--type', 'video_promoted']);
    expect(piped.stdout.split('\t').slice(1, 3)).toEqual(['video_promoted', 'accepted']);
    expect(piped.stdout.split('\t')).toContain('0.75');
    expect(await available('tty', 'default:USD')).toBe('3.5');
  });

  it('simulating changes no balance and stores no event', async () => {
    const before = (await ok(['wallet', 'get', 'chatty', '-o', 'json'])).stdout;
    const events = await ok(['events', 'list', '--customer', 'chatty', '-o', 'json']);
    const sim = await ok(['products', 'simulate', 'chat_api', '--type', 'chat_completed', '--data', 'input_tokens=1000000', '--data', 'output_tokens=1000000', '-o', 'json']);
    expect(json(sim).totals).toEqual([{ asset: 'USD', amount: 11.25 }]);
    const table = await ok(['products', 'simulate', 'chat_api', '--type', 'chat_completed', '--data', 'input_tokens=1000000', '-o', 'table']);
    expect(table.stdout).toMatch(/1\.250000/);
    expect((await ok(['wallet', 'get', 'chatty', '-o', 'json'])).stdout).toBe(before);
    expect(json(await ok(['events', 'list', '--customer', 'chatty', '-o', 'json'])).total_count).toBe(json(events).total_count);
  });

  it('posts a file of events for several customers, in order', async () => {
    const file = join(box.dir, 'events.ndjson');
    writeFileSync(
      file,
      [
        { customer: 'chatty', type: 'chat_completed', data: { input_tokens: 1000000 } },
        { customer_external_id: 'video', event_type: 'video_promoted' },
        '',
        { customer: 'chatty', type: 'chat_completed', data: { output_tokens: 100000 } },
      ]
        .map((l) => (l === '' ? '' : JSON.stringify(l)))
        .join('\n'),
    );
    const before = await available('chatty', 'default:USD');
    const r = await ok(['usage', 'post', '--file', file, '-o', 'jsonl']);
    const results = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(results.map((e: { line: number; status: string }) => [e.line, e.status])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [4, 'accepted'],
    ]);
    expect(Number(await available('chatty', 'default:USD'))).toBeCloseTo(Number(before) - 1.25 - 1, 9);
    const listed = json(await ok(['events', 'list', '--customer', 'chatty', '--type', 'chat_completed', '-o', 'json']));
    expect(listed.items.length).toBeGreaterThanOrEqual(3);
  });
});

describe('bad usage input: clear message, exit code, nothing stored', () => {
  let box: InProcessSandbox;
  let before: string;
  beforeAll(async () => {
    box = inProcessSandbox();
    for (const args of [
      ['products', 'create', '--file', example('chat-api.yaml'), '--publish'],
      ['customers', 'create', '--name', 'Chatty', '--external-id', 'chatty', '--product', 'chat_api'],
      ['adjust', 'chatty', '100', 'USD', '--reason', 'external_topup'],
    ]) {
      const r = await box.run(args);
      if (r.code !== 0) throw new Error(r.stderr);
    }
    before = (await box.run(['wallet', 'get', 'chatty', '-o', 'json'])).stdout;
  });
  afterAll(async () => {
    expect((await box.run(['wallet', 'get', 'chatty', '-o', 'json'])).stdout).toBe(before);
    const events = await box.run(['events', 'list', '-o', 'json']);
    expect(JSON.parse(events.stdout).items).toEqual([]);
    box.cleanup();
  });

  const file = (name: string, lines: unknown[]) => {
    const path = join(box.dir, name);
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
    return path;
  };
  const future = new Date(Date.now() + 48 * 3600_000).toISOString();

  it('a batch of 1,001 events is refused whole by the API', async () => {
    const events = Array.from({ length: 1001 }, () => ({ id: randomUUID(), event_type: 'chat_completed', data: { input_tokens: 1 } }));
    const r = await box.run(['api', 'POST', '/events', '--input', '-'], {
      input: JSON.stringify({ customer_external_id: 'chatty', events }),
    });
    expect(r.code).toBe(5);
  });

  const cases: [string, () => string[], number, RegExp][] = [
    // A bulk run reports each bad line with its number and goes on (exit 9); good lines
    // mixed with bad ones are covered in pipeline.test.ts.
    ['an event the API refuses, in a file', () => ['usage', 'post', '--file', file('mixed.ndjson', [
      { customer: 'chatty', type: 'chat_completed', data: { input_tokens: 'lots' } },
    ])], 9, /mixed\.ndjson:1: .*input_tokens/],
    ['a missing event type', () => ['usage', 'post', '--file', file('notype.ndjson', [{ customer: 'chatty', data: {} }])], 9, /notype\.ndjson:1: missing "type"/],
    ['an id that is not a UUID', () => ['usage', 'post', 'chatty', '--type', 'chat_completed', '--id', 'evt-1'], 2, /--id.*not a UUID/],
    ['an id in a file that is not a UUID', () => ['usage', 'post', '--file', file('badid.ndjson', [{ customer: 'chatty', type: 'x', id: '42' }])], 9, /badid\.ndjson:1: "id" "42" is not a UUID/],
    ['a volume field that is not a number', () => ['usage', 'post', 'chatty', '--type', 'chat_completed', '--data', 'input_tokens=many'], 5, /input_tokens/],
    ['occurred_at more than 24 h ahead', () => ['usage', 'post', 'chatty', '--type', 'chat_completed', '--occurred-at', future], 5, /occurred_at/],
    ['an unknown customer', () => ['usage', 'post', 'nobody', '--type', 'chat_completed'], 4, /nobody/],
    ['a malformed --data pair', () => ['usage', 'post', 'chatty', '--type', 'chat_completed', '--data', 'input_tokens'], 2, /--data.*key=value/],
    ['a negative price', () => ['products', 'create', '--file', file('neg.json', [{ code: 'neg', name: 'Neg', prices: [{ name: 'P', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'e', usage_type: 'unit' }, pricing: [{ asset: 'USD', values: [{ unit_price: -1 }] }] }] }])], 5, /unit_price/],
    ['an unknown asset in a price', () => ['products', 'create', '--file', file('asset.json', [{ code: 'ua', name: 'UA', prices: [{ name: 'P', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'e', usage_type: 'unit' }, pricing: [{ asset: 'NOPE', values: [{ unit_price: 1 }] }] }] }])], 5, /NOPE|asset/],
    ['unit_price on a volume price', () => ['products', 'create', '--file', file('vol.json', [{ code: 'vol', name: 'Vol', prices: [{ name: 'P', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'e', usage_type: 'volume', volume_field: 'n' }, pricing: [{ asset: 'USD', values: [{ unit_price: 1 }] }] }] }])], 5, /unit_price/],
    ['duplicate dimension entries', () => ['products', 'create', '--file', file('dup.json', [{ code: 'dup', name: 'Dup', prices: [{ name: 'P', type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'e', usage_type: 'volume', volume_field: 'n', billable_dimensions: ['speed'] }, pricing: [{ asset: 'USD', values: [{ dimensions: { speed: 'fast' }, values: [{ volume_rate: 1 }] }, { dimensions: { speed: 'fast' }, values: [{ volume_rate: 2 }] }] }] }] }])], 5, /dimension/i],
    ['a product file that is not JSON', () => ['products', 'create', '--file', file('broken.json', []) ], 2, /broken\.json/],
  ];

  it.each(cases)('%s', async (_name, args, code, message) => {
    const r = await box.run(args());
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(code);
  });
});
