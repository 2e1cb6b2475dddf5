import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { HELP_TOPICS } from '../../src/commands/help/topics.js';
import { runMain } from '../helpers/in-process.js';

/**
 * Golden files of the command tree and of every `--help` (and help topic): a change to
 * them is deliberate. After changing commands or help, run `npm run golden` (vitest -u)
 * and review the diff of test/golden/.
 */

interface Node {
  path: string[];
  command: Command;
}

function walk(command: Command, path: string[] = []): Node[] {
  const visible = command.createHelp().visibleCommands(command).filter((c) => c.name() !== 'help' || path.length === 0);
  return [{ path, command }, ...visible.flatMap((c) => walk(c, [...path, c.name()]))];
}

const program = await createProgram(createContext(bufferedStreams(), {}, '0.0.0'));
const nodes = walk(program);
const file = (path: string[]) => `./help/${path.length === 0 ? 'credyt' : path.join('.')}.txt`;

function treeLine({ path, command }: Node): string {
  const args = command.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`));
  const flags = path.length === 0 ? [] : command.options.filter((o) => !o.hidden).map((o) => o.long ?? o.short);
  const head = ['credyt', ...path, ...args].join(' ');
  return `${head}${flags.length ? ' ' + flags.join(' ') : ''}\n    ${command.summary() || command.description()}`;
}

describe('golden: command tree', () => {
  it('matches test/golden/tree.txt', async () => {
    await expect(nodes.map(treeLine).join('\n') + '\n').toMatchFileSnapshot('./tree.txt');
  });
});

describe('golden: --help of every command', () => {
  it.each(nodes.map((n) => [n.path.join(' ') || '(root)', n] as const))('%s', async (_name, node) => {
    const r = await runMain([...node.path, '--help']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(file(node.path));
  });
});

describe('golden: help topics', () => {
  it.each(Object.keys(HELP_TOPICS))('%s', async (topic) => {
    const r = await runMain(['help', topic]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`./topics/${topic}.txt`);
  });
});

describe('every command documents itself', () => {
  const leaves = nodes.filter((n) => n.path.length > 0 && n.command.commands.length === 0);
  it.each(leaves.map((n) => [n.path.join(' '), n] as const))('%s: a one-line summary and two or three examples', async (_name, { path, command }) => {
    const summary = command.summary() || command.description();
    expect(summary).toBeTruthy();
    expect(summary).not.toContain('\n');
    expect(summary).not.toMatch(/\.$/);
    const help = (await runMain([...path, '--help'])).stdout;
    const examples = help.split(/^Examples:$/m)[1] ?? '';
    expect(examples.split('\n').filter((l) => /^ {2}(\S+=\S+ )*(printf .*\| )?credyt /.test(l)).length).toBeGreaterThanOrEqual(2);
  });
});
