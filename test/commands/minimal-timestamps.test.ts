import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer } from '../helpers/minimal-server.js';
import { earlier } from '../../src/services/credit/send.js';

/**
 * Timestamps with 0 to 7 fractional digits, as Credyt's examples write them. A new
 * adjustment answered `{id, created_at}` whose created_at is "now" written to the second
 * must not read as a replay (`duplicate`) because the written time is before the request.
 */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
  // Loads the command's modules once, so that a run started late in a second stays in it.
  await runMain(['adjust', C, '5', 'USD', '--reason', 'gift', '--yes'], { env: s.env() });
});
afterAll(() => s.close());

/** Now, written with `digits` fractional digits (truncated, as servers do; padded past 3). */
function nowWith(digits: number): string {
  const iso = new Date().toISOString(); // …:SS.mmmZ
  const fraction = (iso.slice(20, 23) + '4567').slice(0, digits);
  return `${iso.slice(0, 19)}${digits > 0 ? '.' + fraction : ''}Z`;
}

/** Late in a second, so that the seconds-only time is well before the request. */
async function lateInASecond(): Promise<void> {
  while (Date.now() % 1000 < 600 || Date.now() % 1000 > 850) await new Promise((r) => setTimeout(r, 10));
}

describe('created_at with 0–7 fractional digits', () => {
  it.each([0, 1, 2, 3, 6, 7])('%i digits, written now: accepted, exit 0', async (digits) => {
    s.routes = [on('POST', `/customers/${C}/wallet/adjustments`, () => ({ status: 201, body: { id: '0d1c3f3e-1111-4c8e-9f55-2c1d7e0b3a22', created_at: nowWith(digits) } }))];
    await lateInASecond();
    const r = await runMain(['adjust', C, '5', 'USD', '--reason', 'gift', '--yes', '-o', 'json'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('accepted');
  });

  it('a time well before the request is still a replay, whatever its digits', () => {
    const sent = Date.parse('2026-03-01T10:00:05.500Z');
    for (const t of ['2026-03-01T10:00:03Z', '2026-03-01T10:00:04.4Z', '2026-03-01T10:00:05.4791234Z', '2026-03-01T11:00:04+01:00']) {
      expect(earlier(t, sent, sent, undefined)).toBe(true);
    }
    for (const t of ['2026-03-01T10:00:05Z', '2026-03-01T11:00:05+01:00', '2026-03-01T10:00:05.5Z', '2026-03-01T10:00:05.4901234Z', 'not a time', undefined]) {
      expect(earlier(t, sent, sent, undefined)).toBe(false);
    }
  });
});
