import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { concurrencyOf, defaultConcurrency, type SendingKind } from '../../../src/pipeline/concurrency.js';
import { bulkFlags } from '../../../src/pipeline/flags.js';
import type { Target } from '../../../src/runtime.js';

const targets: Record<string, Target> = {
  embedded: { profile: 'default', kind: 'embedded', dbPath: '/tmp/ledger.db', dbSource: 'flag' },
  loopback: { profile: 'local', kind: 'http', baseUrl: 'http://127.0.0.1:8787', loopback: true },
  remote: { profile: 'live', kind: 'http', baseUrl: 'https://api.credyt.ai', loopback: false },
};

describe('--concurrency: one rule for every bulk kind', () => {
  // kind, target, default: the embedded engine counts as not loopback.
  it.each<[SendingKind, string, number]>([
    ['usageBatches', 'embedded', 4],
    ['usageBatches', 'loopback', 16],
    ['usageBatches', 'remote', 4],
    ['lines', 'embedded', 32],
    ['lines', 'loopback', 64],
    ['lines', 'remote', 32],
    ['creditBatches', 'embedded', 4],
    ['creditBatches', 'loopback', 4],
    ['creditBatches', 'remote', 4],
  ])('%s to %s: %i when not given, the given value when given', (kind, target, expected) => {
    expect(defaultConcurrency(kind, targets[target]!)).toBe(expected);
    expect(concurrencyOf(undefined, kind, targets[target]!)).toBe(expected);
    // Given, even when it equals another target's default, it wins.
    for (const given of [1, 4, 32, 64]) expect(concurrencyOf(given, kind, targets[target]!)).toBe(given);
  });
});

describe('bulkFlags declares --concurrency the same way for every kind', () => {
  const parse = (maxBatch: number, argv: string[]) => {
    const command = bulkFlags(new Command('run').exitOverride(), 'lines', maxBatch);
    command.parse(argv, { from: 'user' });
    return command;
  };

  it.each([1, 1000])('maxBatch %i: unset unless given, so the target can decide', (maxBatch) => {
    expect(parse(maxBatch, []).opts().concurrency).toBeUndefined();
    expect(parse(maxBatch, ['--concurrency', '8']).opts().concurrency).toBe(8);
  });

  it('the help states the defaults of each kind', () => {
    const help = (maxBatch: number) => bulkFlags(new Command('run'), 'lines', maxBatch).helpInformation().replace(/\s+/g, ' ');
    expect(help(1000)).toContain('requests in flight at once (default: 4, 16 to a server on this machine)');
    expect(help(1000)).not.toContain('in batches');
    expect(help(1)).toContain(
      'requests in flight at once (default: 32, 64 to a server on this machine; 4 when lines go in batches, to local serve or the embedded engine)',
    );
  });
});
