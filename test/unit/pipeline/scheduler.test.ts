import { describe, expect, it } from 'vitest';
import { ResultSink } from '../../../src/pipeline/results.js';
import { Scheduler, type Job } from '../../../src/pipeline/scheduler.js';
import { ApiError, ExitCode, NetworkError } from '../../../src/errors.js';

function sink() {
  const out: string[] = [];
  return { out, sink: new ResultSink({ jsonl: { write: (s: string) => out.push(s) }, source: 'test' }) };
}

describe('Scheduler', () => {
  it('keeps each key in input order, batches up to the size, and reports in input order', async () => {
    const { out, sink: s } = sink();
    const sent: string[][] = [];
    let active = 0;
    let maxActive = 0;
    const busyKeys = new Set<string>();
    const scheduler = new Scheduler<number>({
      sink: s,
      batchSize: 3,
      concurrency: 2,
      retryPauseMs: 0,
      async send(key, jobs: Job<number>[]) {
        expect(busyKeys.has(key)).toBe(false);
        busyKeys.add(key);
        active++;
        maxActive = Math.max(maxActive, active);
        sent.push(jobs.map((j) => `${key}${j.item}`));
        await new Promise((r) => setTimeout(r, key === 'a' ? 5 : 1));
        active--;
        busyKeys.delete(key);
        return jobs.map((j) => ({ ok: true as const, id: `id${j.item}`, status: 'accepted' as const }));
      },
    });
    for (let i = 0; i < 20; i++) {
      const seq = scheduler.nextSeq();
      await scheduler.add({ seq, line: i + 1, text: '', key: ['a', 'b', 'c'][i % 3]!, item: i });
    }
    await scheduler.drain();
    expect(maxActive).toBeLessThanOrEqual(2);
    for (const key of ['a', 'b', 'c']) {
      const order = sent.flat().filter((s) => s.startsWith(key)).map((s) => Number(s.slice(1)));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    expect(sent.every((b) => b.length <= 3)).toBe(true);
    expect(out.map((l) => JSON.parse(l).line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s.totals).toEqual({ lines: 20, accepted: 20, duplicate: 0, failed: 0 });
  });

  it('a 503 after the transport gave up is tried again; a 422 fails its lines; a network failure stops the run', async () => {
    const { out, sink: s } = sink();
    let calls = 0;
    const scheduler = new Scheduler<number>({
      sink: s,
      batchSize: 1,
      concurrency: 1,
      retryPauseMs: 0,
      async send(_key, jobs) {
        calls++;
        const n = jobs[0]!.item;
        if (n === 1 && calls === 1) throw new ApiError('busy', ExitCode.Server, 503, undefined);
        if (n === 2) throw new ApiError('bad', ExitCode.Validation, 422, { code: 'validation_failed' });
        if (n === 3) throw new NetworkError('gone');
        return [{ ok: true, id: `id${n}`, status: 'duplicate' }];
      },
    });
    for (const n of [1, 2, 3, 4]) {
      const seq = scheduler.nextSeq();
      await scheduler.add({ seq, line: n, text: `line ${n}`, key: 'k', item: n });
    }
    await scheduler.drain();
    const results = out.map((l) => JSON.parse(l));
    expect(results[0]).toMatchObject({ line: 1, ok: true, status: 'duplicate' });
    expect(results[1]).toMatchObject({ line: 2, ok: false, error: { code: 'validation_failed', message: 'bad' } });
    expect(results[2]).toMatchObject({ line: 3, ok: false, error: { code: 'network' } });
    expect(results[3]).toMatchObject({ line: 4, ok: false, error: { code: 'not_sent' } });
    expect(scheduler.stopped?.exitCode).toBe(ExitCode.Network);
  });

  it('a window bounded in bytes: the reader waits while the items held pass it, huge lines included', async () => {
    const { out, sink: s } = sink();
    let held = 0;
    let maxHeld = 0;
    const sizes = Array.from({ length: 60 }, (_, i) => (i % 7 === 0 ? 5000 : 100));
    const scheduler = new Scheduler<number>({
      sink: s,
      batchSize: 4,
      concurrency: 2,
      windowBytes: 1000,
      heldBytes: () => held,
      async send(_key, jobs) {
        await new Promise((r) => setTimeout(r, 1));
        for (const j of jobs) held -= sizes[j.item]!;
        return jobs.map((j) => ({ ok: true as const, id: `id${j.item}`, status: 'accepted' as const }));
      },
    });
    for (let i = 0; i < sizes.length; i++) {
      held += sizes[i]!;
      maxHeld = Math.max(maxHeld, held);
      const seq = scheduler.nextSeq();
      const wait = scheduler.add({ seq, line: i + 1, text: '', key: ['a', 'b'][i % 2]!, item: i });
      if (wait) await wait;
      // Past the bound only by the line just read.
      expect(held).toBeLessThan(1000 + sizes[i]!);
    }
    await scheduler.drain();
    expect(maxHeld).toBeGreaterThan(1000);
    expect(out.map((l) => JSON.parse(l).line)).toEqual(sizes.map((_, i) => i + 1));
  });

  it('batches are bounded in bytes too: lines that fit a request alone never share one they overflow', async () => {
    const { sink: s } = sink();
    const sent: number[][] = [];
    const sizes = [600, 600, 100, 100, 100, 900, 50];
    const scheduler = new Scheduler<number>({
      sink: s,
      batchSize: 100,
      concurrency: 1,
      batchBytes: 1000,
      itemBytes: (item) => sizes[item]!,
      async send(_key, jobs) {
        sent.push(jobs.map((j) => j.item));
        return jobs.map((j) => ({ ok: true as const, id: `id${j.item}`, status: 'accepted' as const }));
      },
    });
    for (let i = 0; i < sizes.length; i++) await scheduler.add({ seq: scheduler.nextSeq(), line: i + 1, text: '', key: 'k', item: i });
    await scheduler.drain();
    expect(sent).toEqual([[0], [1, 2, 3, 4], [5, 6]]);
  });

  it('a full window sends the batch of the oldest line and keeps the others filling', async () => {
    const { sink: s } = sink();
    const sent: number[] = [];
    const keys = Array.from({ length: 10 }, (_, k) => `k${k}`);
    const scheduler = new Scheduler<number>({
      sink: s,
      batchSize: 1000,
      concurrency: 1,
      window: 200,
      async send(_key, jobs) {
        sent.push(jobs.length);
        await new Promise((r) => setTimeout(r, 1));
        return jobs.map((j) => ({ ok: true as const, id: `id${j.item}`, status: 'accepted' as const }));
      },
    });
    for (let i = 0; i < 2000; i++) {
      const seq = scheduler.nextSeq();
      const wait = scheduler.add({ seq, line: i + 1, text: '', key: keys[i % keys.length]!, item: i });
      if (wait) await wait;
    }
    await scheduler.drain();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(2000);
    // Lines spread over 10 keys in a window of 200: batches of about 20, never of one or two
    // (sending every open batch whenever the window filled gave mostly batches of one).
    const small = sent.filter((n) => n < 10).length;
    expect(small).toBeLessThanOrEqual(keys.length);
    expect(s.totals).toEqual({ lines: 2000, accepted: 2000, duplicate: 0, failed: 0 });
  });
  it('one line a request: the reader waits once as many keys are ready as workers could take, and reads ahead while few are', () => {
    /** Lines added before add() first asks the reader to wait; no batch ever ends. */
    function readBeforeWait(concurrency: number, key: (i: number) => string, window?: number): number {
      const scheduler = new Scheduler<number>({ sink: sink().sink, batchSize: 1, concurrency, window, retryPauseMs: 0, send: () => new Promise(() => undefined) });
      for (let i = 0; i < 50_000; i++) {
        if (scheduler.add({ seq: scheduler.nextSeq(), line: i + 1, text: '', key: key(i), item: i })) return i + 1;
      }
      return -1;
    }
    // Customers round-robin: thousands of lines in view are plenty.
    expect(readBeforeWait(2, (i) => `k${i % 10}`)).toBe(4_096);
    // One customer: nothing else is ready, so the whole window is read ahead, as before.
    expect(readBeforeWait(2, () => 'only', 10_000)).toBe(10_000);
    // Sorted by customer, 1,000 lines each: read on until 8 keys wait besides the 8 in flight.
    expect(readBeforeWait(8, (i) => `k${Math.floor(i / 1000)}`)).toBe(15_001);
  });
});
