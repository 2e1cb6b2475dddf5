import { describe, expect, it } from 'vitest';
import { bufferedStreams } from '../../../src/io/buffer-streams.js';
import { resolveOutput } from '../../../src/render/output.js';
import { printHeard, printSecret } from '../../../src/commands/listen/print.js';
import type { Heard } from '../../../src/commands/listen/receiver.js';

const body = '{"id":"evt_1","type":"top_up.completed","created":"2026-12-05T12:00:00.000Z","live_mode":false,"data":{"amount":10.10}}';
const heard = (forwarded?: Heard['forwarded']): Heard => ({ body, event: JSON.parse(body), forwarded });

function printed(output: string | undefined, tty: boolean, each: (out: ReturnType<typeof resolveOutput>) => void): string {
  const io = bufferedStreams({ tty });
  each(resolveOutput(io, { output }, {}));
  return io.out();
}

/** What `credyt listen` prints per event (the process itself: test/e2e/listen.test.ts). */
describe('credyt listen: one line per event', () => {
  it('on a terminal: time, type, id and the forward, two spaces apart', () => {
    const out = printed(undefined, true, (o) => {
      printHeard(o, heard({ status: 200, durationMs: 12.4 }));
      printHeard(o, heard({ status: null, durationMs: 3, error: 'Error: connect ECONNREFUSED 127.0.0.1:9' }));
      printHeard(o, heard());
    });
    expect(out.split('\n')).toEqual([
      '2026-12-05T12:00:00.000Z  top_up.completed  evt_1  200 (12 ms)',
      '2026-12-05T12:00:00.000Z  top_up.completed  evt_1  no answer (3 ms): Error: connect ECONNREFUSED 127.0.0.1:9',
      '2026-12-05T12:00:00.000Z  top_up.completed  evt_1  -',
      '',
    ]);
  });

  it('-o jsonl prints the event byte for byte (10.10 stays 10.10); csv quotes a comma', () => {
    expect(printed('jsonl', false, (o) => printHeard(o, heard({ status: 200, durationMs: 1 })))).toBe(body + '\n');
    const csv = printed('csv', false, (o) => printHeard(o, heard({ status: null, durationMs: 1, error: 'a, b' })));
    expect(csv).toBe('2026-12-05T12:00:00.000Z,top_up.completed,evt_1,"no answer (1 ms): a, b"\n');
  });

  it('--print-secret: the secret alone, or a JSON line with -o json/jsonl', () => {
    expect(printed(undefined, false, (o) => printSecret(o, 'whsec_x', 'whd_1'))).toBe('whsec_x\n');
    expect(JSON.parse(printed('jsonl', false, (o) => printSecret(o, 'whsec_x', 'whd_1')))).toEqual({ webhook_id: 'whd_1', secret: 'whsec_x' });
  });
});
