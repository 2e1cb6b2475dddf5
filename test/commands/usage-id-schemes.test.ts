import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, ledger, type Ledger } from './money-helpers.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

async function videoLedger(): Promise<Ledger> {
  const l = ledger();
  await l.ok(['products', 'create', '--file', VIDEO, '--publish']);
  await l.ok(['customers', 'create', '--name', 'v', '--external-id', 'v', '--product', 'glitch_video_std']);
  return l;
}

/** Ten timed lines (two of them identical) and one without a time, sorted by time. */
function usageFile(): string {
  const lines = Array.from({ length: 10 }, (_, i) => `{"customer":"v","type":"video_promoted","subject":"s${i % 9}","occurred_at":"2026-12-05T10:00:0${i % 9}Z"}`);
  return `${lines.join('\n')}\n{"customer":"v","type":"video_promoted","subject":"untimed"}\n`;
}

const statuses = (rows: Record<string, unknown>[]) => rows.map((r) => (r.ok ? r.status : 'failed'));

describe('usage post ids', () => {
  for (const scheme of [[], ['--id-scheme', 'v2'], ['--id-scheme', 'v1']]) {
    it(`the same file twice: the second run is all duplicates (${scheme.join(' ') || 'default'})`, async () => {
      const l = await videoLedger();
      const file = l.file('usage.ndjson', usageFile());
      const first = jsonl(await l.ok(['usage', 'post', '--file', file, ...scheme, '-o', 'jsonl']));
      expect(statuses(first)).toEqual(Array(11).fill('accepted'));
      const again = jsonl(await l.ok(['usage', 'post', '--file', file, ...scheme, '-o', 'jsonl']));
      expect(statuses(again)).toEqual(Array(11).fill('duplicate'));
      expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
      expect(await l.available('v', 'default:USD')).toBe('-5.5');
    });
  }

  it('v2 ids of a sorted file increase; v1 ids are content UUIDv5s', async () => {
    const l = await videoLedger();
    const file = l.file('usage.ndjson', usageFile());
    const v2 = jsonl(await l.ok(['usage', 'post', '--file', file, '--dry-run', '-o', 'jsonl'])).map((r) => String(r.id));
    const timed = v2.slice(0, 10);
    expect(timed.every((id) => id[14] === '8')).toBe(true);
    for (let i = 1; i < 9; i++) expect(timed[i]! > timed[i - 1]!).toBe(true);
    // The 10th line repeats the 1st: its own id, at the same time.
    expect(timed[9]).not.toBe(timed[0]);
    expect(timed[9]!.slice(0, 13)).toBe(timed[0]!.slice(0, 13));
    const v1 = jsonl(await l.ok(['usage', 'post', '--file', file, '--id-scheme', 'v1', '--dry-run', '-o', 'jsonl'])).map((r) => String(r.id));
    expect(v1.every((id) => id[14] === '5')).toBe(true);
    // A line without occurred_at has nothing to order it by: the same id in both schemes.
    expect(v2[10]).toBe(v1[10]);
  });

  it('a file posted with v1 ids is recognised again only with --id-scheme v1', async () => {
    const l = await videoLedger();
    const file = l.file('usage.ndjson', usageFile());
    await l.ok(['usage', 'post', '--file', file, '--id-scheme', 'v1']);
    const v1 = jsonl(await l.ok(['usage', 'post', '--file', file, '--id-scheme', 'v1', '-o', 'jsonl']));
    expect(statuses(v1)).toEqual(Array(11).fill('duplicate'));
    // Without the flag the timed lines get new ids: they would be charged again.
    const v2 = jsonl(await l.ok(['usage', 'post', '--file', file, '--dry-run', '-o', 'jsonl']));
    expect(v2.filter((r, i) => r.id !== v1[i]!.id).length).toBe(10);
  });

  it('--id-scheme goes with --file and derived ids only', async () => {
    const l = await videoLedger();
    const single = await l.run(['usage', 'post', 'v', '--type', 'video_promoted', '--id-scheme', 'v1']);
    expect([single.code, single.stderr]).toEqual([2, expect.stringContaining('--id-scheme goes with --file')]);
    const random = await l.run(['usage', 'post', '--file', l.file('u.ndjson', usageFile()), '--id-scheme', 'v1', '--random-ids']);
    expect([random.code, random.stderr]).toEqual([2, expect.stringContaining('--id-scheme goes with derived ids')]);
  });

  it('one event without --id gets a UUIDv7 of the clock', async () => {
    const l = await videoLedger();
    const now = new Date('2026-12-05T14:00:00.123Z');
    const r = await l.runAt(() => now, ['usage', 'post', 'v', '--type', 'video_promoted', '-o', 'json']);
    expect(r.code).toBe(0);
    const id = String((JSON.parse(r.stdout) as { events: { id: string }[] }).events[0]!.id);
    expect(id[14]).toBe('7');
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now.getTime());
  });
});
