import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/main.js';
import { HIDDEN, programFor, TOP_LEVEL } from '../../src/program.js';
import { TOP_SUMMARIES } from '../../src/top-summaries.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { runMain } from '../helpers/in-process.js';

const ctx = () => createContext(bufferedStreams(), {}, '0.0.0');
const hidden = (c: Command) => Boolean((c as unknown as { _hidden: boolean })._hidden);
const top = (program: Command) => program.commands.map((c) => ({ name: c.name(), summary: c.summary(), hidden: hidden(c) }));
const help = (command: Command) => command.helpInformation();
const refuseToRun = () => Promise.reject(new Error('no run expected'));

describe('the command table (program.ts)', () => {
  it.each(TOP_LEVEL.map((entry) => [entry.names.join(', '), entry] as const))('%s: the module registers exactly these', async (_names, entry) => {
    const program = new Command('credyt');
    (await entry.load())(program, ctx(), refuseToRun);
    expect(top(program)).toEqual(entry.names.map((name) => ({ name, summary: TOP_SUMMARIES[name], hidden: HIDDEN.has(name) })));
  });

  it('names every top-level summary once', () => {
    expect(TOP_LEVEL.flatMap((entry) => entry.names).sort()).toEqual(Object.keys(TOP_SUMMARIES).sort());
  });
});

describe('the tree a run builds', async () => {
  const full = await createProgram(ctx());

  it('lists the same top level as the whole tree: names, summaries, order, hidden', async () => {
    expect(top(await programFor(ctx(), [], refuseToRun))).toEqual(top(full));
  });

  it('gives the same `credyt --help` without loading any command', async () => {
    expect(help(await programFor(ctx(), ['--help'], refuseToRun))).toBe(help(full));
  });

  it('registers in full exactly the commands named in argv', async () => {
    const program = await programFor(ctx(), ['-o', 'json', 'wallet', 'get', 'acme'], refuseToRun);
    const wallet = program.commands.find((c) => c.name() === 'wallet')!;
    const fullWallet = full.commands.find((c) => c.name() === 'wallet')!;
    expect(wallet.commands.map((c) => help(c))).toEqual(fullWallet.commands.map((c) => help(c)));
    expect(program.commands.find((c) => c.name() === 'assets')!.commands).toEqual([]);
  });

  it('builds the whole tree for completion', async () => {
    const program = await programFor(ctx(), ['__complete', 'assets'], refuseToRun);
    const paths = (c: Command, p = ''): string[] => [p, ...c.commands.flatMap((s) => paths(s, `${p} ${s.name()}`))];
    expect(paths(program)).toEqual(paths(full));
  });
});

describe('commands that run others (demo)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-program-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('import no main: the run hands itself down, so the command tree has no cycle', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importers = files.filter((f) => /(import|from)\s*\(?\s*'[./]*\/main\.js'/.test(readFileSync(join(src, f), 'utf8')));
    // cli.ts is the entry point; completion/generate.ts builds the whole tree for the scripts.
    expect(importers.sort()).toEqual(['cli.ts', 'completion/generate.ts']);
  });

  it('demo runs its steps through the run it was handed, in-process', async () => {
    const r = await runMain(['demo', '-o', 'json', '--db', join(dir, 'demo.db')], { env: { CREDYT_CONFIG_DIR: join(dir, 'config') } });
    expect(r.stderr).toContain('$ credyt top-up acme 9934.50234 USD --asset TOK');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).accounts.map((a: { id: string }) => a.id)).toEqual(['default:USD', 'default:TOK']);
  });
});
