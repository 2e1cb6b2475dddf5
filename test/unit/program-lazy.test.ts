import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/program.js';
import { programFor, TOP_LEVEL } from '../../src/program-lazy.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';

const ctx = () => createContext(bufferedStreams(), {}, '0.0.0');
const top = (program: Command) => program.commands.map((c) => ({ name: c.name(), summary: c.summary(), hidden: Boolean((c as unknown as { _hidden: boolean })._hidden) }));
const help = (command: Command) => command.helpInformation();

describe('the tree a run builds (program-lazy.ts)', () => {
  const full = createProgram(ctx());

  it('lists the same top level as the full tree: names, summaries, order, hidden', async () => {
    expect(TOP_LEVEL.flatMap((entry) => entry.commands).map((c) => ({ ...c, hidden: Boolean(c.hidden) }))).toEqual(top(full));
    expect(top(await programFor(ctx(), []))).toEqual(top(full));
  });

  it('gives the same `credyt --help` without loading any command', async () => {
    expect(help(await programFor(ctx(), ['--help']))).toBe(help(full));
  });

  it('registers in full exactly the commands named in argv', async () => {
    const program = await programFor(ctx(), ['-o', 'json', 'wallet', 'get', 'acme']);
    const wallet = program.commands.find((c) => c.name() === 'wallet')!;
    const fullWallet = full.commands.find((c) => c.name() === 'wallet')!;
    expect(wallet.commands.map((c) => help(c))).toEqual(fullWallet.commands.map((c) => help(c)));
    expect(program.commands.find((c) => c.name() === 'assets')!.commands).toEqual([]);
  });

  it('builds the whole tree for completion', async () => {
    const program = await programFor(ctx(), ['__complete', 'assets']);
    const paths = (c: Command, p = ''): string[] => [p, ...c.commands.flatMap((s) => paths(s, `${p} ${s.name()}`))];
    expect(paths(program)).toEqual(paths(full));
  });
});
