import { describe, expect, it } from 'vitest';
import { LosslessNumber } from '../../../src/json/parse.js';
import { processedText } from '../../../src/render/subscriptions.js';

const n = (v: number) => new LosslessNumber(String(v));

describe('processedText: what a clock move processed, in words', () => {
  it.each([
    [{ renewals: 0, grant_expiries: 0, top_up_expiries: 0 }, 'nothing fell due'],
    [{ renewals: 1, grant_expiries: 1, top_up_expiries: 0 }, '1 renewal, 1 grant expiry'],
    [{ renewals: 12, grant_expiries: 12, top_up_expiries: 2 }, '12 renewals, 12 grant expiries, 2 top-up expiries'],
    [{ renewals: 0, grant_expiries: 0, top_up_expiries: 1 }, '1 top-up expiry'],
  ])('%j → %s', (processed, text) => {
    const answer = { now: '2027-01-01T00:00:00.000Z', processed: Object.fromEntries(Object.entries(processed).map(([k, v]) => [k, n(v)])) };
    expect(processedText(answer)).toBe(text);
  });

  it('a clock shown, not moved, processed nothing', () => {
    expect(processedText({ now: '2027-01-01T00:00:00.000Z' })).toBe('nothing fell due');
  });
});
