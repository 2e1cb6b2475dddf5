import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { clockDurationArg } from '../../../src/commands/local/clock-duration.js';

describe('clockDurationArg: shorthand and ISO-8601 into ISO-8601', () => {
  it.each([
    ['31d', 'P31D'],
    ['2w', 'P2W'],
    ['1mo', 'P1M'],
    ['12h', 'PT12H'],
    ['1y', 'P1Y'],
    ['90min', 'PT90M'],
    ['30s', 'PT30S'],
    ['1d12h', 'P1DT12H'],
    ['1y2mo3d', 'P1Y2M3D'],
    ['1w2d', 'P9D'],
    ['1mo2w', 'P1M14D'],
    ['12MO', 'P12M'],
    [' 31d ', 'P31D'],
    ['1d0h', 'P1D'],
  ])('%s → %s', (given, iso) => {
    expect(clockDurationArg(given)).toBe(iso);
  });

  it.each([['P1M'], ['P31D'], ['P2W'], ['PT5H'], ['P1Y2M3DT4H5M6S'], ['p1m']])('ISO-8601 %s passes through (upper-cased)', (given) => {
    expect(clockDurationArg(given)).toBe(given.toUpperCase());
  });

  it.each([
    ['', 'is not a duration'],
    ['31', 'is not a duration'],
    ['d', 'is not a duration'],
    ['-1d', 'is not a duration'],
    ['1.5d', 'is not a duration'],
    ['31 d', 'is not a duration'],
    ['1x', 'is not a duration'],
    ['5m', 'ambiguous: write mo for months or min for minutes'],
    ['12h1d', 'out of order or twice'],
    ['1d1d', 'out of order or twice'],
    ['0d', 'is zero'],
    ['P', 'is not an ISO-8601 duration'],
    ['PT', 'is not an ISO-8601 duration'],
    ['P1.5D', 'is not an ISO-8601 duration'],
    ['P1H', 'is not an ISO-8601 duration'],
    ['P-1D', 'is not an ISO-8601 duration'],
    ['P0D', 'is zero'],
  ])('%j is refused: %s, naming DURATION', (given, why) => {
    let error: unknown;
    try {
      clockDurationArg(given);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(`DURATION "${given}" `);
    expect((error as Error).message).toContain(why);
  });
});

