import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, ledger, type Ledger } from './money-helpers.js';

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');

/** Statuses of a jsonl run, counted. */
function tally(rows: Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = r.ok ? String(r.status) : 'failed';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function customer(l: Ledger, ext: string, product?: string): Promise<void> {
  await l.ok(['customers', 'create', '--name', ext, '--external-id', ext, ...(product ? ['--product', product] : [])]);
}

describe('identical lines are separate payments and events', () => {
  it('two identical top-up lines credit 20; a re-run credits nothing and says duplicate', async () => {
    const l = ledger();
    await customer(l, 'a');
    const file = l.file('two.csv', 'customer,amount,currency\na,10,USD\na,10,USD\n');
    const first = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
    const rows = jsonl(first);
    expect(tally(rows)).toEqual({ accepted: 2 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(first.stderr).toContain('2 lines: 2 accepted, 0 duplicate, 0 failed');
    expect(await l.available('a', 'default:USD')).toBe('20');

    const again = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
    expect(tally(jsonl(again))).toEqual({ duplicate: 2 });
    expect(again.stderr).toContain('2 lines: 0 accepted, 2 duplicate, 0 failed');
    expect(await l.available('a', 'default:USD')).toBe('20');
  });

  it('three identical lines, then one appended: exactly four credits, whatever the format', async () => {
    const l = ledger();
    await customer(l, 'a');
    await customer(l, 'b');
    const line = 'a,2.5,USD';
    await l.ok(['top-up', '--file', l.file('three.csv', `customer,amount,currency\n${line}\n${line}\n${line}\n`)]);
    expect(await l.available('a', 'default:USD')).toBe('7.5');
    const four = await l.ok(['top-up', '--file', l.file('four.csv', `customer,amount,currency\n${line}\n${line}\n${line}\n${line}\n`), '-o', 'jsonl']);
    expect(tally(jsonl(four))).toEqual({ duplicate: 3, accepted: 1 });
    expect(await l.available('a', 'default:USD')).toBe('10');

    const nd = '{"customer":"b","amount":1,"asset":"USD","reason":"gift"}\n';
    await l.ok(['adjust', '--file', l.file('a.ndjson', nd.repeat(3))]);
    const adj = await l.ok(['adjust', '--file', l.file('b.ndjson', nd.repeat(4)), '-o', 'jsonl']);
    expect(tally(jsonl(adj))).toEqual({ duplicate: 3, accepted: 1 });
    expect(await l.available('b', 'default:USD')).toBe('4');
  });

  it('identical usage lines are separate events: 3 then 4 lines bill exactly four', async () => {
    const l = ledger();
    await l.ok(['products', 'create', '--file', VIDEO, '--publish']);
    await customer(l, 'v', 'glitch_video_std');
    const line = '{"customer":"v","type":"video_promoted","subject":"same"}\n';
    const two = await l.ok(['usage', 'post', '--file', l.file('two.ndjson', line.repeat(2)), '-o', 'jsonl']);
    expect(tally(jsonl(two))).toEqual({ accepted: 2 });
    expect(await l.available('v', 'default:USD')).toBe('-1');
    const again = await l.ok(['usage', 'post', '--file', l.file('two.ndjson', line.repeat(2)), '-o', 'jsonl']);
    expect(tally(jsonl(again))).toEqual({ duplicate: 2 });
    await l.ok(['usage', 'post', '--file', l.file('three.ndjson', line.repeat(3))]);
    const four = await l.ok(['usage', 'post', '--file', l.file('four.ndjson', line.repeat(4)), '-o', 'jsonl']);
    expect(tally(jsonl(four))).toEqual({ duplicate: 3, accepted: 1 });
    expect(await l.available('v', 'default:USD')).toBe('-2');
  });

  it('a line repeating a transaction_id in the same run is a duplicate, not a second acceptance', async () => {
    const l = ledger();
    await customer(l, 'a');
    const id = '6f1c1f8e-2f0a-4d3b-9d59-7f6a8f1c2b3d';
    const file = l.file('same-id.csv', `customer,amount,currency,transaction_id\na,10,USD,${id}\na,10,USD,${id}\n`);
    const r = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
    expect(tally(jsonl(r))).toEqual({ accepted: 1, duplicate: 1 });
    expect(r.stderr).toContain('2 lines: 1 accepted, 1 duplicate, 0 failed');
    expect(await l.available('a', 'default:USD')).toBe('10');
  });
});

describe('a replayed single top-up or adjustment says so (item 6)', () => {
  it('top-up with the same --transaction-id: "Already applied", status duplicate, nothing moved', async () => {
    const l = ledger();
    await customer(l, 'a');
    const id = '0b8f6a52-64a8-4f3e-8c1b-3f7d2a9e5c11';
    const first = await l.ok(['top-up', 'a', '5', 'USD', '--transaction-id', id, '-o', 'json']);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'accepted', amount: 5 });
    const replay = await l.ok(['top-up', 'a', '5', 'USD', '--transaction-id', id, '-o', 'json']);
    expect(JSON.parse(replay.stdout)).toMatchObject({ status: 'duplicate', transaction_id: id });
    expect(replay.stderr).toContain(`Already applied: transaction ${id}`);
    const text = await l.ok(['top-up', 'a', '5', 'USD', '--transaction-id', id]);
    expect(text.stderr).toContain('nothing moved now');
    expect(text.stdout).toContain('duplicate');
    expect(await l.available('a', 'default:USD')).toBe('5');
  });

  it('adjust with the same --transaction-id says so too', async () => {
    const l = ledger();
    await customer(l, 'a');
    const id = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    await l.ok(['adjust', 'a', '3', 'USD', '--reason', 'gift', '--transaction-id', id]);
    const replay = await l.ok(['adjust', 'a', '3', 'USD', '--reason', 'gift', '--transaction-id', id, '-o', 'json']);
    expect(JSON.parse(replay.stdout)).toMatchObject({ status: 'duplicate' });
    expect(replay.stderr).toContain('Already applied');
    expect(await l.available('a', 'default:USD')).toBe('3');
  });
});

describe('a rejects file keeps the ids its lines were sent with', () => {
  it('the second of two identical payments, not sent, is credited when the rejects are fed back', async () => {
    const l = ledger();
    await customer(l, 'a');
    const rejects = `${l.dir}/rejects.csv`;
    // --fail-fast stops at the unknown customer: the second payment of 10 is not sent.
    const file = l.file('stop.csv', 'customer,amount,currency\na,10,USD\nlater,1,USD\na,10,USD\n');
    const r = await l.run(['top-up', '--file', file, '--fail-fast', '--concurrency', '1', '--rejects', rejects, '-o', 'jsonl']);
    expect(r.code).toBe(9);
    const rows = jsonl(r);
    expect(await l.available('a', 'default:USD')).toBe('10');
    const text = readFileSync(rejects, 'utf8');
    expect(text.split('\n')[0]).toBe('customer,amount,currency,transaction_id');
    const pinned = /^a,10,USD,([0-9a-f-]{36})$/m.exec(text)?.[1];
    await customer(l, 'later');
    if (pinned === undefined) {
      // The stop came before the second payment (file line 4, after the header) was read:
      // the reader and the failing request race. No rejects file holds it, the message
      // says so, and its advice credits it.
      expect(r.stderr).toContain('the input from line 4 on was not read');
      expect(r.stderr).toContain('run the same command again');
      const rerun = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
      expect(tally(jsonl(rerun))).toEqual({ duplicate: 1, accepted: 2 });
      expect(await l.available('a', 'default:USD')).toBe('20');
      return;
    }
    // The id the second payment was derived with, not the first one's (which was applied).
    expect(pinned).not.toBe(rows[0]!.id);
    const fed = await l.ok(['top-up', '--file', rejects, '-o', 'jsonl']);
    expect(tally(jsonl(fed))).toEqual({ accepted: 2 });
    expect(await l.available('a', 'default:USD')).toBe('20');
    // And the whole file again: everything is a duplicate now.
    const again = await l.ok(['top-up', '--file', file, '-o', 'jsonl']);
    expect(tally(jsonl(again))).toEqual({ duplicate: 3 });
  });

  it('NDJSON lines get the id key written in; lines with their own id are left alone', async () => {
    const { pinId } = await import('../../src/pipeline/pin-id.js');
    expect(pinId('{"customer":"a"}', 'ndjson', 'id', undefined, 'x')).toBe('{"id":"x","customer":"a"}');
    expect(pinId(' {}', 'ndjson', 'id', undefined, 'x')).toBe(' {"id":"x"}');
    expect(pinId('{"id":"y"}', 'ndjson', 'id', undefined, undefined)).toBe('{"id":"y"}');
    expect(pinId('a,"1,5",USD,,x', 'csv', 'transaction_id', 'customer,amount,currency,transaction_id,reason', 'T')).toBe('a,"1,5",USD,T,x');
    expect(pinId('a,1', 'csv', 'transaction_id', 'customer,amount,currency,transaction_id', 'T')).toBe('a,1,,T');
  });
});
