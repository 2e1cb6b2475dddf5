import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const DEEP = /nests deeper than 64 levels at \/(a\/){10}/;

describe('CLI inputs nested deeper than 64 levels', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-deep-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    expect((await runMain(['customers', 'create', '--name', 'Deep', '--external-id', 'deep'], { env })).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--data-json: exit 2 naming the place', async () => {
    const r = await runMain(['usage', 'post', 'deep', '--type', 'x', '--data-json', nested(5000)], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(DEEP);
  });

  it('a JSON or YAML product file: exit 2 naming the file and the place', async () => {
    const json = await runMain(['products', 'create', '--file', file('p.json', nested(70))], { env });
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(DEEP);
    expect(json.stderr).toContain('p.json');
    const yaml = await runMain(['products', 'create', '--file', file('p.yaml', `code: x\nname: ${nested(70)}\n`)], { env });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/p\.yaml: invalid YAML: .*nests deeper than 64 levels at \/name\/a\/a/);
  });

  it('a pricing file: exit 5', async () => {
    const r = await runMain(['pricing', 'validate', file('pricing.yaml', `assets: ${nested(70)}\n`)], { env });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/nests deeper than 64 levels at \/assets\/a\/a/);
  });

  it('an NDJSON line of a bulk run is reported, the others go in: exit 9', async () => {
    const lines = [
      '{"customer_external_id":"deep","event_type":"x","data":{"n":1}}',
      `{"customer_external_id":"deep","event_type":"x","data":${nested(5000)}}`,
    ];
    const r = await runMain(['usage', 'post', '--file', file('events.ndjson', lines.join('\n') + '\n'), '-o', 'jsonl'], { env });
    expect(r.code).toBe(9);
    expect(r.stdout + r.stderr).toMatch(/events.ndjson:2: invalid JSON: JSON nests deeper than 64 levels at \/data\/a/);
  });

  it('credyt api --input: the server refuses it (exit 5), and reads still work', async () => {
    const body = `{"customer_external_id":"deep","events":[{"id":"${crypto.randomUUID()}","event_type":"x","data":${nested(5000)}}]}`;
    const r = await runMain(['api', 'POST', '/events', '--input', file('body.json', body)], { env });
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('"pointer":"/events/0/data/a/a');
    expect((await runMain(['events', 'list', '-o', 'json'], { env })).code).toBe(0);
  });

  it('events list prints a row stored deeper than any recursive writer goes, in every format', async () => {
    const posted = await runMain(['usage', 'post', 'deep', '--type', 'x', '--data', 'n=1', '-o', 'json'], { env });
    expect(posted.code, posted.stderr).toBe(0);
    const db = new Database(env.CREDYT_DB as string);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ?').run(nested(5_000, '[1.50]'));
    db.exec("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;");
    db.close();
    for (const format of ['json', 'jsonl', 'tsv', 'table']) {
      const r = await runMain(['events', 'list', '-o', format], { env });
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      const wanted = { json: '"a": {\n', jsonl: '{"a":{"a":{"a":' }[format];
      if (wanted) expect(r.stdout.includes(wanted), format).toBe(true);
    }
    const verified = await runMain(['local', 'verify', '-o', 'json'], { env });
    expect(verified.code).toBe(11);
    // Every event of this database was rewritten: each is named.
    const violations = JSON.parse(verified.stdout).violations as { invariant: string; detail: string }[];
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(v.invariant).toBe('json_depth');
      expect(v.detail).toMatch(/^event [0-9a-f-]{36} data: JSON nests deeper than 64 levels at \/a\/a/);
    }
  });
});
