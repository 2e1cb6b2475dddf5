import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { productRefArg } from '../../../src/commands/parse.js';

describe('productRefArg: CODE or CODE@VERSION, repeatable', () => {
  it.each([
    ['premium', { code: 'premium' }],
    ['premium@2', { code: 'premium', version: 2 }],
    ['premium@default', { code: 'premium', version: 'default' }],
    ['glitch-pro_1@10', { code: 'glitch-pro_1', version: 10 }],
    [' premium@3 ', { code: 'premium', version: 3 }],
  ])('%s', (given, ref) => {
    expect(productRefArg(given)).toEqual([ref]);
  });

  it('collects repeated flags in order', () => {
    expect(productRefArg('b@2', productRefArg('a'))).toEqual([{ code: 'a' }, { code: 'b', version: 2 }]);
  });

  it.each([
    ['', 'must look like CODE or CODE@VERSION'],
    ['premium@', 'must look like CODE or CODE@VERSION'],
    ['@2', 'must look like CODE or CODE@VERSION'],
    ['premium@v2', 'must look like CODE or CODE@VERSION'],
    ['premium@1.5', 'must look like CODE or CODE@VERSION'],
    ['pre mium', 'must look like CODE or CODE@VERSION'],
    ['premium@0', 'versions start at 1'],
  ])('%j is refused: %s', (given, why) => {
    expect(() => productRefArg(given)).toThrow(InvalidArgumentError);
    expect(() => productRefArg(given)).toThrow(why);
  });
});
