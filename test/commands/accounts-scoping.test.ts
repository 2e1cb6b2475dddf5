import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

/**
 * `--account` against the real engine, on the embedded profile and over HTTP (`local
 * serve`): two connected accounts each create a customer with the same external id; a
 * top-up in one is seen in neither the other nor the platform's own lists.
 */
type Target = 'embedded' | 'http';
const UNKNOWN = 'acc_01m92hzcnkfaasc64dy6pq9w0q';

describe.each<Target>(['embedded', 'http'])('connected accounts on the %s profile', (target) => {
  let box: InProcessSandbox;
  let served: InProcessServer | undefined;
  let A: string;
  let B: string;
  const env = () => (served ? { CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey } : {});
  const run = (argv: string[], more: Record<string, string> = {}, tty = false) => box.run(argv, { env: { ...env(), ...more }, tty });
  const ok = async (argv: string[], more: Record<string, string> = {}, tty = false) => {
    const r = await run(argv, more, tty);
    expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  const json = async (argv: string[], more?: Record<string, string>) => JSON.parse((await ok([...argv, '-o', 'json'], more)).stdout);
  const usd = (wallet: { accounts: { asset: string; available: unknown }[] }) =>
    wallet.accounts.filter((a) => a.asset === 'USD').map((a) => String(a.available));

  beforeAll(async () => {
    box = inProcessSandbox();
    if (target === 'http') served = await serveInProcess(box);
    A = (await ok(['accounts', 'create', '--name', 'Account A', '--external-id', 'a', '-q'])).stdout.trim();
    B = (await ok(['accounts', 'create', '--name', 'Account B', '--external-id', 'b', '-q'])).stdout.trim();
  });
  afterAll(async () => {
    await served?.stop();
    box.cleanup();
  });

  it('the same external id in two accounts; a top-up in A is invisible in B and the platform', async () => {
    const inA = (await ok(['--account', A, 'customers', 'create', '--name', 'Same', '--external-id', 'same', '-q'])).stdout.trim();
    const inB = (await ok(['customers', 'create', '--name', 'Same', '--external-id', 'same', '-q'], { CREDYT_ACCOUNT: B })).stdout.trim();
    expect(inA).not.toBe(inB);
    await ok(['--account', A, 'top-up', 'same', '10', 'USD', '--yes']);
    expect(usd(await json(['--account', A, 'wallet', 'get', 'same']))).toEqual(['10']);
    expect(usd(await json(['--account', B, 'wallet', 'get', 'same']))).not.toContain('10');
    const platform = await run(['customers', 'get', 'same']);
    expect(platform.code).toBe(4);
    expect((await json(['customers', 'list'])).items).toEqual([]);
    // Each account lists its own customer only.
    expect((await json(['customers', 'list'], { CREDYT_ACCOUNT: A })).items.map((c: { id: string }) => c.id)).toEqual([inA]);
    expect((await json(['--account', B, 'customers', 'list'])).items.map((c: { id: string }) => c.id)).toEqual([inB]);
  });

  it('accounts list, get and whoami: a table at a terminal, rows piped', async () => {
    const table = await ok(['accounts', 'list'], {}, true);
    expect(table.stdout).toMatch(/│ ID +│ NAME +│ EXTERNAL ID +│ CREATED AT +│/);
    expect(table.stdout).toContain('Account A');
    // The accounts verbs speak for the platform, whichever account is selected.
    const piped = await ok(['accounts', 'list', '--external-id', 'b'], { CREDYT_ACCOUNT: A });
    expect(piped.stdout.split('\t').slice(0, 3)).toEqual([B, 'Account B', 'b']);
    expect((await json(['accounts', 'get', 'a'])).id).toBe(A);
    const who = await json(['whoami'], { CREDYT_ACCOUNT: A });
    expect(who).toMatchObject({ connected_account_id: A, connected_account_name: 'Account A', connected_account_source: 'env' });
    expect(who.account_id).not.toBe(A);
    const tty = await ok(['--account', B, 'auth', 'status'], {}, true);
    expect(tty.stdout).toMatch(/│ CONNECTED ACCOUNT NAME +│ Account B +│/);
  });

  it('a confirmation at a terminal names the account the money moves in', async () => {
    const r = await box.run(['--account', A, 'top-up', 'same', '1', 'USD'], { env: env(), tty: true, answers: [true] });
    expect(r.code, r.stderr).toBe(0);
    if (target === 'http') expect(r.stderr).toContain(`Account:   ${A} (Account A, --account)`);
    else expect(r.stderr).not.toContain('Account:'); // the embedded engine asks nothing
    expect(usd(await json(['--account', A, 'wallet', 'get', 'same']))).toEqual(['11']);
  });

  it('usage events, one and a bulk file, land in the selected account only', async () => {
    await ok(['--account', A, 'usage', 'post', 'same', '--type', 'chat']);
    const lines = ['{"customer_external_id":"same","type":"chat"}', '{"customer_external_id":"same","type":"chat"}'].join('\n');
    const bulk = await box.run(['--account', A, 'usage', 'post', '--file', '-'], { env: env(), input: lines + '\n' });
    expect(bulk.code, bulk.stderr).toBe(0);
    expect((await json(['--account', A, 'events', 'list'])).items).toHaveLength(3);
    expect((await json(['--account', B, 'events', 'list'])).items).toHaveLength(0);
    expect((await json(['events', 'list'])).items).toHaveLength(0);
  });

  it("completion offers the selected account's assets, not the platform's", async () => {
    await ok(['--account', A, 'assets', 'create', '--code', 'TOKA', '--name', 'Tokens of A', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.01']);
    const words = async (argv: string[]) => (await ok(['__complete', 'assets', ...argv])).stdout.split('\n');
    expect(await words(['--account', A])).toContain('TOKA');
    expect(await words([])).not.toContain('TOKA');
    expect(await words(['--account', B])).not.toContain('TOKA');
    // --account itself completes the platform's account ids, whichever one is selected.
    const ids = (await ok(['__complete', 'accounts', '--account', A])).stdout.trim().split('\n');
    expect(ids.sort()).toEqual([A, B].sort());
  });

  it('an unknown account is exit 4 naming the header; a malformed one exit 2 before any request', async () => {
    const unknown = await run(['--account', UNKNOWN, 'customers', 'list']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain(`X-CREDYT-ACCOUNT ${UNKNOWN}`);
    expect(unknown.stderr).toContain(`${UNKNOWN} comes from --account; \`credyt accounts list\` shows`);
    const malformed = await run(['customers', 'create', '--name', 'X', '--external-id', 'x'], { CREDYT_ACCOUNT: A.toUpperCase() });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('CREDYT_ACCOUNT=');
    expect((await json(['customers', 'list'])).items).toEqual([]);
  });
});

describe('a profile default against local serve', () => {
  let box: InProcessSandbox;
  let served: InProcessServer;
  beforeAll(async () => {
    box = inProcessSandbox();
    served = await serveInProcess(box);
  });
  afterAll(async () => {
    await served.stop();
    box.cleanup();
  });

  it('login --account saves it; every command acts on it; --account overrides it', async () => {
    const loginEnv = { env: { CREDYT_BASE_URL: served.url, CREDYT_API_KEY: served.apiKey } };
    const A = (await box.run(['accounts', 'create', '--name', 'A', '-q'], loginEnv)).stdout.trim();
    const B = (await box.run(['accounts', 'create', '--name', 'B', '-q'], loginEnv)).stdout.trim();
    const login = await box.run(['login', '--profile', 'plat', '--base-url', served.url, '--with-key', '--account', A], { input: served.apiKey });
    expect(login.code, login.stderr).toBe(0);
    expect((await box.run(['customers', 'create', '--name', 'In A', '--external-id', 'ana'])).code).toBe(0);
    expect((await box.run(['customers', 'get', 'ana', '--account', B])).code).toBe(4);
    expect((await box.run(['customers', 'get', 'ana', '--profile', 'plat'])).code).toBe(0);
    const who = JSON.parse((await box.run(['whoami', '-o', 'json'])).stdout);
    expect(who).toMatchObject({ name: 'plat', default_account: A, connected_account_id: A, connected_account_source: 'profile' });
    // A default the server does not know: the hint points at the profile, not the key.
    expect((await box.run(['profiles', 'account', 'plat', UNKNOWN])).code).toBe(0);
    const stale = await box.run(['customers', 'list']);
    expect(stale.code).toBe(4);
    expect(stale.stderr).toContain(`${UNKNOWN} comes from the default of profile "plat"`);
    expect((await box.run(['profiles', 'account', 'plat', '--unset'])).code).toBe(0);
    expect((await box.run(['customers', 'get', 'ana'])).code).toBe(4);
  });
});
