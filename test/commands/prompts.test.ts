import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { CancelledError } from '../../src/errors.js';
import { promptsAllowed } from '../../src/io/prompter.js';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-prompts-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('when prompts are allowed', () => {
  const tty = { stdinIsTTY: true, stdoutIsTTY: true, env: {} };
  it('only with both stdin and stdout on a terminal', () => {
    expect(promptsAllowed(tty)).toBe(true);
    expect(promptsAllowed({ ...tty, stdinIsTTY: false })).toBe(false);
    expect(promptsAllowed({ ...tty, stdoutIsTTY: false })).toBe(false);
  });
  it('never with --no-input, CREDYT_NO_INPUT or CI', () => {
    expect(promptsAllowed({ ...tty, input: false })).toBe(false);
    expect(promptsAllowed({ ...tty, env: { CREDYT_NO_INPUT: '1' } })).toBe(false);
    expect(promptsAllowed({ ...tty, env: { CI: 'true' } })).toBe(false);
    expect(promptsAllowed({ ...tty, env: { CI: '0', CREDYT_NO_INPUT: 'false' } })).toBe(true);
  });
});

describe('create wizards', () => {
  it('assets create asks for the code, name and precision it was not given', async () => {
    const r = await runMain(['assets', 'create', '--rate', 'USD=0.00001', '-o', 'json'], { env, tty: true, answers: ['TOK', 'Tokens', '0'] });
    expect(r.stderr).toBe('Created asset TOK\n');
    expect(r.code).toBe(0);
    expect(r.asked).toEqual(['Asset code (e.g. TOK)', 'Name customers see', 'Decimal places (0–18)']);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 'TOK', name: 'Tokens', precision: 0 });
  });

  it('asks only for what is missing', async () => {
    const r = await runMain(['assets', 'create', '--code', 'GEM', '--precision', '2', '-q'], { env, tty: true, answers: ['Gems'] });
    expect(r.code).toBe(0);
    expect(r.asked).toEqual(['Name customers see']);
  });

  it('customers create asks for the name', async () => {
    const r = await runMain(['customers', 'create', '--external-id', 'acme', '-q'], { env, tty: true, answers: ['Acme AI'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cust_/);
  });

  it.each([
    ['piped', {}, false, 'stdin is not a terminal'],
    ['--no-input', {}, true, '--no-input is given'],
    ['CREDYT_NO_INPUT', { CREDYT_NO_INPUT: '1' }, true, 'CREDYT_NO_INPUT is set'],
    ['CI', { CI: 'true' }, true, 'CI is set'],
  ] as const)('without a prompt (%s) a missing value is exit 2 naming every flag', async (name, extraEnv, tty, why) => {
    const argv = ['assets', 'create', '--label', 'x', ...(name === '--no-input' ? ['--no-input'] : [])];
    const r = await runMain(argv, { env: { ...env, ...extraEnv }, tty });
    expect(r.code).toBe(2);
    expect(r.asked).toEqual([]);
    expect(r.stderr).toContain(`Missing --code <code>, --name <name> and --precision <digits> (no prompt: ${why}).`);
    const c = await runMain(['customers', 'create', ...(name === '--no-input' ? ['--no-input'] : [])], { env: { ...env, ...extraEnv }, tty });
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('Missing --name <name>');
  });

  it('Ctrl-C at a prompt is exit 130 without a stack trace', async () => {
    const r = await runMain(['customers', 'create'], { env, tty: true, answers: [new CancelledError('Cancelled at the prompt.')] });
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('Error: Cancelled at the prompt.\n');
  });
});

describe('confirmations on a server profile', () => {
  let server: RunningServer;
  let remote: NodeJS.ProcessEnv;
  const wallet = async () => JSON.parse((await runMain(['wallet', 'get', 'acme', '-o', 'json'], { env: remote })).stdout);

  beforeAll(async () => {
    server = await startServer({ host: '127.0.0.1', port: 0, dbPath: join(dir, 'served.db') });
    remote = { ...env, CREDYT_BASE_URL: server.url, CREDYT_API_KEY: server.apiKey };
    await runMain(['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme'], { env: remote });
  });
  afterAll(() => server.close());

  it('shows the summary and changes nothing when declined (exit 1)', async () => {
    const r = await runMain(['top-up', 'acme', '10', 'USD'], { env: remote, tty: true, answers: [false] });
    expect(r.code).toBe(1);
    expect(r.asked).toEqual(['Credit 10 USD to acme?']);
    expect(r.stderr).toMatch(/Customer:\s+acme \(cust_\w+\)/);
    expect(r.stderr).toMatch(/Amount:\s+10 USD/);
    expect(r.stderr).toMatch(/Effect:\s+credit 10 USD to default:USD/);
    expect(r.stderr).toMatch(new RegExp(`Profile:\\s+local — ${server.url} \\(test mode\\)`));
    expect(r.stderr).toContain('Declined; nothing was changed.');
    expect((await wallet()).accounts).toEqual([]);
  });

  it('credits when accepted', async () => {
    const r = await runMain(['top-up', 'acme', '10', 'USD', '-o', 'json'], { env: remote, tty: true, answers: [true] });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ amount: 10, asset: 'USD' });
    expect((await wallet()).accounts).toEqual([expect.objectContaining({ id: 'default:USD', available: 10 })]);
  });

  it('adjust asks too, naming a debit as a debit', async () => {
    const r = await runMain(['adjust', 'acme', '-2.5', 'USD', '--reason', 'charge'], { env: remote, tty: true, answers: [true] });
    expect(r.code).toBe(0);
    expect(r.asked).toEqual(['Debit 2.5 USD from acme?']);
    expect(r.stderr).toMatch(/Effect:\s+debit 2.5 USD from default:USD \(reason charge\)/);
  });

  it('needs --yes where nobody can answer (exit 2 before any request)', async () => {
    const r = await runMain(['top-up', 'acme', '10', 'USD'], { env: remote });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs confirmation: pass --yes');
    const yes = await runMain(['top-up', 'acme', '1', 'USD', '--yes', '-q'], { env: remote });
    expect(yes.code).toBe(0);
    expect(yes.stderr).toBe('');
    expect((await wallet()).accounts[0].available).toBe(8.5);
  });

  it('the embedded engine never asks', async () => {
    await runMain(['customers', 'create', '--name', 'Local', '--external-id', 'loc'], { env });
    const r = await runMain(['top-up', 'loc', '5', 'USD', '-q'], { env, tty: true });
    expect(r.code).toBe(0);
    expect(r.asked).toEqual([]);
  });
});
