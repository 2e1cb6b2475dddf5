import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, type Sandbox } from '../helpers/cli.js';
import { Terminal } from '../helpers/tmux.js';
import { haveTool } from '../helpers/tools.js';
import { generateCompletions } from '../../src/completion/generate.js';
import { ARGUMENT_VALUES, DYNAMIC_ARGUMENTS } from '../../src/completion/dynamic.js';
import { createProgram } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';

const COMPLETIONS = resolve(import.meta.dirname, '../../completions');
const shells = {
  bash: haveTool('bash', 'bash completion tests'),
  zsh: haveTool('zsh', 'zsh completion tests'),
  fish: haveTool('fish', 'fish completion tests'),
};
const zshAtTerminal = shells.zsh && haveTool('tmux', 'the zsh completion test at a terminal');

describe('the committed scripts', () => {
  it('are what `npm run completions` generates from the current command tree', async () => {
    for (const { file, text } of await generateCompletions()) {
      expect(readFileSync(join(COMPLETIONS, file), 'utf8'), `completions/${file} is out of date: run npm run completions`).toBe(text);
    }
  });

  it('name only arguments that exist', async () => {
    const program = await createProgram(createContext(bufferedStreams(), {}, '0'));
    for (const key of [...Object.keys(DYNAMIC_ARGUMENTS), ...Object.keys(ARGUMENT_VALUES)]) {
      const [, path, arg] = /^(.*) <(.+)>$/.exec(key)!;
      let command = program;
      for (const word of path!.split(' ')) command = command.commands.find((c) => c.name() === word)!;
      expect(command, key).toBeDefined();
      expect(command.registeredArguments.map((a) => a.name()), key).toContain(arg);
    }
  });

  it('credyt completion SHELL prints the same script', async () => {
    const box = sandbox();
    try {
      const r = await box.run(['completion', 'fish']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(COMPLETIONS, 'credyt.fish'), 'utf8'));
    } finally {
      box.cleanup();
    }
  });
});

describe('completion in real shells', () => {
  let box: Sandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    box = sandbox();
    // `credyt` on PATH, as after `npm install -g`.
    const bin = join(box.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'credyt'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(join(bin, 'credyt'), 0o755);
    env = { ...box.env, PATH: `${bin}:${process.env.PATH}` };
    // A stored profile (listing it needs no server) and an asset on the embedded engine.
    mkdirSync(box.env.CREDYT_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    writeFileSync(
      join(box.env.CREDYT_CONFIG_DIR!, 'config.json'),
      JSON.stringify({ profiles: { staging: { base_url: 'https://staging.example', created_at: '' } } }),
      { mode: 0o600 },
    );
    expect((await box.run(['assets', 'create', '--code', 'TOKEN', '--name', 'Tokens', '--precision', '0'])).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  const run = (shell: string, script: string) => {
    const r = spawnSync(shell, ['-c', script], { env, encoding: 'utf8', cwd: box.dir, timeout: 30_000 });
    if (r.status !== 0) throw new Error(`${shell} exited ${r.status}: ${r.stderr}`);
    return r.stdout;
  };

  it.skipIf(!shells.bash)('bash: COMPREPLY has commands, fixed values, profile names and asset codes', () => {
    const out = run(
      'bash',
      `source ${join(COMPLETIONS, 'credyt.bash')}
       c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _credyt; echo "\${COMPREPLY[*]}"; }
       c credyt as
       c credyt -o ''
       c credyt profiles use st
       c credyt assets get TO
       c credyt top-up acme 10 USD --reason p
       c credyt --output = j`, // COMP_WORDBREAKS splits --output=j so
    );
    expect(out.split('\n')).toEqual(['assets', 'table json jsonl csv tsv', 'staging', 'TOKEN', 'promotion', 'json jsonl', '']);
  });

  it.skipIf(!shells.zsh)('zsh: loads after compinit and completes through its candidate function', () => {
    const out = run(
      'zsh',
      `autoload -U compinit && compinit -u -D
       source ${join(COMPLETIONS, '_credyt')}
       print -r -- $_comps[credyt]
       c() { local __credyt_kind; local -a __credyt_candidates; __credyt_complete_words $# "$@"; print -r -- "$__credyt_kind \${(j: :)__credyt_candidates}"; }
       c credyt profiles use st
       c credyt assets get ''
       c credyt -o ''`,
    );
    expect(out.split('\n')).toEqual(['_credyt', 'values local staging', 'values TOKEN', 'values table json jsonl csv tsv', '']);
  });

  it.skipIf(!zshAtTerminal)('zsh: Tab in an interactive shell completes a profile name and an asset code', async () => {
    writeFileSync(
      join(box.dir, '.zshrc'),
      `export PATH=${sh(env.PATH!)}\nPS1='%% '\nautoload -U compinit && compinit -u -D\nsource ${join(COMPLETIONS, '_credyt')}\n`,
    );
    const term = new Terminal({ ...env, ZDOTDIR: box.dir }).start('zsh -i', box.dir);
    try {
      await term.waitFor(/^%\s*$/m); // capture-pane drops trailing spaces
      term.type('credyt profiles use sta').press('Tab');
      await term.waitFor(/credyt profiles use staging/);
      term.press('C-u').type('credyt assets get TO').press('Tab');
      await term.waitFor(/credyt assets get TOKEN/);
    } finally {
      term.close();
    }
  });

  it.skipIf(!shells.fish)('fish: complete -C offers profile names and asset codes', () => {
    const out = run(
      'fish',
      `source ${join(COMPLETIONS, 'credyt.fish')}
       complete -C 'credyt profiles use '
       echo ==
       complete -C 'credyt assets get '
       echo ==
       complete -C 'credyt top-up acme 1 USD --asset T'
       echo ==
       complete -C 'credyt wal'`,
    );
    const [profiles, assets, asset, command] = out.split('==\n');
    expect(profiles!.split('\n').map((l) => l.split('\t')[0])).toEqual(['local', 'staging', '']);
    expect(assets).toBe('TOKEN\n');
    expect(asset).toMatch(/^TOKEN\t/);
    expect(command).toMatch(/^wallet\tShow a customer's wallet/);
  });
});

function sh(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
