import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

const PRODUCTS = resolve(import.meta.dirname, '../../../examples/products');

/** A volume price on `minutes`, per `speed`, with a `*` entry: every speed is charged. */
const RENDER = `
code: render_any
name: Render minutes
prices:
  - name: Render minutes
    type: usage_based
    billing_model: { type: real_time }
    usage_calculation: { event_type: render_any, usage_type: volume, volume_field: minutes, billable_dimensions: [speed] }
    pricing:
      - asset: USD
        values:
          - dimensions: { speed: fast }
            values: [{ volume_rate: 1 }]
          - dimensions: { speed: '*' }
            values: [{ volume_rate: 0.5 }]
`;

/** What one event came to: its fees (amount and dimensions), or refused. */
type Outcome = string;
const feesOutcome = (fees: { amount: unknown; dimensions: unknown }[]) =>
  JSON.stringify(fees.map((f) => [String(f.amount), f.dimensions]));

/** The texts a data field can hold, each sent through every path. */
const MINUTES = ['5', '-0', '-0.0', ' 5', '5 ', '+5', '1e3', '1E3', '1e-2', '007', '.5', '5.', '1.50', '0', '', 'abc', '-1', 'true', '1e5000'];
const SPEEDS = ['fast', '', 'slow'];

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const csvCell = (s: string) => (/[",\s]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * The same intent through `--data`, a CSV file, NDJSON (strings, and numbers where the
 * text is one) and a raw JSON body (`credyt api POST /events`): one answer per value.
 * Empty is absent everywhere; numbers follow JSON's grammar, whitespace around ignored.
 */
describe('event data: one number grammar and one meaning of empty, on every path', { timeout: 120_000 }, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[], stdin?: string) => runMain(args, { env, stdin });
  const cases = MINUTES.flatMap((minutes) => SPEEDS.map((speed) => ({ minutes, speed })));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-data-grammar-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    writeFileSync(join(dir, 'render.yaml'), RENDER);
    for (const args of [
      ['products', 'create', '--file', join(dir, 'render.yaml'), '--publish'],
      ['customers', 'create', '--name', 'R', '--external-id', 'r', '--product', 'render_any'],
    ]) {
      const r = await run(args);
      if (r.code !== 0) throw new Error(r.stderr);
    }
    expect(PRODUCTS).toBeTruthy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function single(minutes: string, speed: string): Promise<Outcome> {
    const r = await run(['usage', 'post', 'r', '--type', 'render_any', '--data', `minutes=${minutes}`, '--data', `speed=${speed}`, '-o', 'json']);
    if (r.code !== 0) return `refused ${r.code}`;
    return feesOutcome(JSON.parse(r.stdout).events[0].fees);
  }

  async function bulk(name: string, text: string): Promise<Outcome[]> {
    const path = join(dir, name);
    writeFileSync(path, text);
    const r = await run(['usage', 'post', '--file', path, '--random-ids', '-o', 'jsonl']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    return lines.map((l) => (l.ok ? feesOutcome(l.fees) : 'refused 5'));
  }

  async function body(data: Record<string, unknown>, raw?: string): Promise<Outcome> {
    const event = { id: randomUUID(), event_type: 'render_any', customer_external_id: 'r', data };
    let text = JSON.stringify({ events: [event] });
    if (raw !== undefined) text = text.replace('"@minutes@"', raw);
    const r = await run(['api', 'POST', '/events', '--input', '-'], text);
    if (r.code !== 0) return `refused ${r.code}`;
    return feesOutcome(JSON.parse(r.stdout).events[0].fees);
  }

  it('--data, CSV, NDJSON and a JSON body agree value by value', async () => {
    const viaSingle: Outcome[] = [];
    for (const c of cases) viaSingle.push(await single(c.minutes, c.speed));
    const csv = ['customer,type,data.minutes,data.speed', ...cases.map((c) => `r,render_any,${csvCell(c.minutes)},${csvCell(c.speed)}`)].join('\n');
    const viaCsv = await bulk('grid.csv', csv + '\n');
    const ndjson = cases.map((c) => JSON.stringify({ customer: 'r', type: 'render_any', data: { minutes: c.minutes, speed: c.speed } })).join('\n');
    const viaNdjson = await bulk('grid.ndjson', ndjson + '\n');
    const viaBody: Outcome[] = [];
    for (const c of cases) viaBody.push(await body({ minutes: c.minutes, speed: c.speed }));

    const table = cases.map((c, i) => ({ ...c, single: viaSingle[i], csv: viaCsv[i], ndjson: viaNdjson[i], body: viaBody[i] }));
    for (const row of table) {
      expect({ ...row, csv: row.csv, ndjson: row.ndjson, body: row.body }).toEqual({ ...row, csv: row.single, ndjson: row.single, body: row.single });
    }

    // Numbers as JSON numbers (where the text is one) give the same answer as the text.
    const numeric = cases.filter((c) => JSON_NUMBER.test(c.minutes));
    const ndjsonNumbers = numeric.map((c) => `{"customer":"r","type":"render_any","data":{"minutes":${c.minutes},"speed":${JSON.stringify(c.speed)}}}`);
    const viaNumbers = await bulk('numbers.ndjson', ndjsonNumbers.join('\n') + '\n');
    for (const [i, c] of numeric.entries()) {
      expect({ ...c, number: viaNumbers[i] }).toEqual({ ...c, number: table.find((r) => r.minutes === c.minutes && r.speed === c.speed)!.single });
      expect({ ...c, body: await body({ minutes: '@minutes@', speed: c.speed }, c.minutes) }).toEqual({ ...c, body: viaNumbers[i] });
    }

    // The decisions themselves, at speed fast (volume_rate 1).
    const at = (minutes: string, speed = 'fast') => table.find((r) => r.minutes === minutes && r.speed === speed)!.single;
    const fee = (amount: string, dims: Record<string, string> = { speed: 'fast' }) => JSON.stringify([[amount, dims]]);
    expect(at('-0')).toBe(fee('0'));
    expect(at('-0.0')).toBe(fee('0'));
    expect(at(' 5')).toBe(fee('5'));
    expect(at('5 ')).toBe(fee('5'));
    expect(at('1e3')).toBe(fee('1000'));
    expect(at('1e-2')).toBe(fee('0.01'));
    for (const refused of ['+5', '007', '.5', '5.', 'abc', '-1', 'true', '1e5000']) expect(at(refused), refused).toBe('refused 5');
    // Empty is absent: no volume, no fee, no error; an empty speed is no speed (the * entry).
    expect(at('')).toBe('[]');
    expect(at('5', '')).toBe(fee('2.5', {}));
  });

  it('--data key= removes the key, also one given by --data-json', async () => {
    const r = await run(['usage', 'post', 'r', '--type', 'render_any', '--data-json', '{"minutes":4,"speed":"fast"}', '--data', 'speed=', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(feesOutcome(JSON.parse(r.stdout).events[0].fees)).toBe(JSON.stringify([['2', {}]]));
  });
});
