import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, serve, json, type Sandbox, type Served } from '../helpers/cli.js';
import { sh, Terminal } from '../helpers/tmux.js';
import { haveTool } from '../helpers/tools.js';

// Prompts need a real terminal: tmux gives one. `.ci/run` installs tmux when it is missing.
const tmux = haveTool('tmux', 'terminal (prompt) tests');

describe.skipIf(!tmux)('prompts at a real terminal (tmux)', () => {
  let box: Sandbox;
  let served: Served;
  let term: Terminal | undefined;
  const credyt = (args: string[]) => [sh(process.execPath), sh(BIN), ...args.map(sh)].join(' ');
  const open = (args: string[]) => {
    term = new Terminal(box.env).start(credyt(args), box.dir);
    return term;
  };

  beforeAll(async () => {
    box = sandbox();
    served = await serve(box);
  });
  afterEach(() => {
    term?.close();
    term = undefined;
  });
  afterAll(async () => {
    await served.stop();
    box.cleanup();
  });

  it('login asks for the base URL and the key, and never shows the key', async () => {
    const t = open(['login', '--profile', 'dev']);
    await t.waitFor(/API base URL \(https:\/\/api\.credyt\.ai\)/);
    t.type(served.url).press('Enter');
    await t.waitFor(/API key/);
    t.type(served.apiKey);
    await t.waitFor(/API key \*{10,}/);
    expect(t.screen()).not.toContain(served.apiKey);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    const screen = t.screen();
    expect(screen).toContain('profile "dev" is now current');
    expect(screen).not.toContain(served.apiKey);
    expect(json(await box.run(['auth', 'status', '-o', 'json']))).toMatchObject({ profile: 'dev', key_source: 'profile', mode: 'test' });
  });

  it('the same login without a terminal names the flag (exit 2)', async () => {
    const r = await box.run(['login', '--profile', 'dev2', '--base-url', served.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Missing --with-key (the key on stdin) (no prompt: stdin is not a terminal).');
  });

  it('assets create is a wizard for what is missing', async () => {
    const t = open(['assets', 'create', '--profile', 'local', '--rate', 'USD=0.00001']);
    await t.waitFor(/Asset code/);
    t.type('TOK').press('Enter');
    await t.waitFor(/Name customers see/);
    t.type('Tokens').press('Enter');
    await t.waitFor(/Decimal places \(0–18\) \(0\)/);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.screen()).toContain('Created asset TOK');
    expect(json(await box.run(['assets', 'get', 'TOK', '--profile', 'local', '-o', 'json']))).toMatchObject({ code: 'TOK', precision: 0 });
    const piped = await box.run(['assets', 'create', '--profile', 'local']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('Missing --code <code>, --name <name> and --precision <digits>');
  });

  it('a top-up on a server is confirmed: declined changes nothing (exit 1), accepted credits', async () => {
    expect((await box.run(['customers', 'create', '--profile', 'dev', '--name', 'Acme AI', '--external-id', 'acme'])).code).toBe(0);
    const wallet = async () => json(await box.run(['wallet', 'get', 'acme', '--profile', 'dev', '-o', 'json'])).accounts;

    const no = open(['top-up', 'acme', '10', 'USD', '--profile', 'dev']);
    await no.waitFor(/Credit 10 USD to acme\?/);
    const summary = no.screen();
    expect(summary).toMatch(/Customer:\s+acme \(cust_[0-9a-z]{26}\)/);
    expect(summary).toMatch(/Effect:\s+credit 10 USD to default:USD/);
    expect(summary).toContain(`Profile:   dev — ${served.url} (test mode)`);
    no.type('n').press('Enter');
    expect(await no.exitCode()).toBe(1);
    expect(no.screen()).toContain('Declined; nothing was changed.');
    no.close();
    expect(await wallet()).toEqual([]);

    const yes = open(['top-up', 'acme', '10', 'USD', '--profile', 'dev']);
    await yes.waitFor(/Credit 10 USD to acme\?/);
    yes.type('y').press('Enter');
    expect(await yes.exitCode()).toBe(0);
    expect(await wallet()).toEqual([expect.objectContaining({ id: 'default:USD', available: 10 })]);

    const piped = await box.run(['top-up', 'acme', '10', 'USD', '--profile', 'dev']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/needs confirmation: pass --yes/);
  });

  it('Ctrl-C at a prompt exits 130 without a stack trace', async () => {
    const t = open(['customers', 'create', '--profile', 'local']);
    await t.waitFor(/Customer name/);
    t.press('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.screen()).not.toMatch(/^\s+at /m);
  });
});
