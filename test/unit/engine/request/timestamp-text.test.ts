import { describe, expect, it } from 'vitest';
import { isoText, parseTimestamp, timestampText } from '../../../../src/engine/request/time.js';

/** What every reader of `occurred_at` made of a text before timestampText: the slow path. */
function slow(text: string): string | undefined {
  const date = parseTimestamp(text);
  return date && isoText(date);
}

const EXACT = [
  '2026-12-05T20:21:48.123Z',
  '2026-12-05T20:21:48Z',
  '2024-02-29T23:59:59.999Z',
  '2023-02-29T00:00:00.000Z',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2100-02-29T00:00:00.000Z',
  '2026-04-31T00:00:00Z',
  '2026-04-30T00:00:00Z',
  '2026-01-31T12:00:00.000Z',
  '2026-12-31T23:59:59.999Z',
  '2026-13-01T00:00:00Z',
  '2026-00-01T00:00:00Z',
  '2026-01-00T00:00:00Z',
  '2026-01-32T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T24:00:00.000Z',
  '2026-01-01T23:60:00Z',
  '2026-01-01T23:59:60Z',
  '0000-02-29T00:00:00Z',
  '0004-02-29T00:00:00.000Z',
  '0099-12-31T23:59:59Z',
  '0100-02-29T00:00:00Z',
  '0100-03-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
];

const OTHER = [
  '2026-12-05t20:21:48.123z',
  '2026-12-05T20:21:48.123z',
  '2026-12-05T20:21:48.1Z',
  '2026-12-05T20:21:48.12Z',
  '2026-12-05T20:21:48.1234Z',
  '2026-12-05T20:21:48.1234567Z',
  '2026-12-05T20:21:48.999999Z',
  '2026-12-05T20:21Z',
  '2026-12-05T20:21:48+00:00',
  '2026-12-05T20:21:48.123+01:00',
  '2026-12-05T20:21:48.123-0530',
  '2026-12-05T23:30:00-01:00',
  '2026-12-05 20:21:48Z',
  '2026-12-05T20:21:48',
  '2026-12-05',
  '',
  'Z',
  '2026-12-05T20:21:48.12aZ',
  '2026-12-05T20:21:48.a23Z',
  '2026-12-05T20:21:48,123Z',
  '2026-12-05T20:21:4xZ',
  '2026-1x-05T20:21:48Z',
  '20x6-12-05T20:21:48Z',
  '2x26-12-05T20:21:48.000Z',
  '202/-12-05T20:21:48Z',
  '2026/12/05T20:21:48Z',
  '2026-12-05T20-21-48Z',
  '2026-12-05T20:21:48.000ZZ',
  '+02026-12-05T20:21:48Z',
  '-2026-12-05T20:21:48.00Z',
  '２０２６-12-05T20:21:48Z',
  '2026-12-05T20:21:48.12３Z',
  '2026-12-05T20:21:48 Z',
  ' 2026-12-05T20:21:48Z',
];

describe('timestampText', () => {
  it('answers what parseTimestamp and isoText answer, on valid and invalid texts alike', () => {
    for (const text of [...EXACT, ...OTHER]) expect(timestampText(text), text).toBe(slow(text));
  });

  it('agrees with them on every day of four years and on mutated texts', () => {
    const texts: string[] = [];
    for (let ms = Date.UTC(2023, 0, 1); ms < Date.UTC(2027, 0, 3); ms += 5 * 86_400_000 + 3_723_456) {
      const iso = new Date(ms).toISOString();
      texts.push(iso, `${iso.slice(0, 19)}Z`);
      // Each position replaced by a character that may or may not fit there.
      for (let at = 0; at < iso.length; at++) {
        for (const c of ['0', '9', '3', '-', ':', 'T', '.', 'Z', 'x']) texts.push(iso.slice(0, at) + c + iso.slice(at + 1));
      }
    }
    // Every month's days 27 to 32, hours 22 to 25.
    for (const year of ['1600', '1700', '2000', '2023', '2024']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 27; day <= 32; day++) {
          const mm = String(month).padStart(2, '0');
          texts.push(`${year}-${mm}-${day}T22:00:00Z`, `${year}-${mm}-${day}T25:00:00.500Z`);
        }
      }
    }
    let valid = 0;
    const disagree: string[] = [];
    for (const text of texts) {
      const expected = slow(text);
      if (expected !== undefined) valid++;
      if (timestampText(text) !== expected) disagree.push(text);
    }
    expect(disagree).toEqual([]);
    expect(valid).toBeGreaterThan(1000);
  });
});
