import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { checkRequest, checkResponse, findOperation } from '../contract/spec.js';
import { ACCOUNT, CUSTOMER, KEY, startHostedServer, type HostedServer, type Sent } from '../helpers/hosted-server.js';

/**
 * Connected accounts from the CLI's side, against a real HTTP server answering Credyt's
 * published shapes (test/helpers/hosted-server.ts), which records every header: which
 * account a run selects (--account > CREDYT_ACCOUNT > the profile's default), that it is
 * sent as X-CREDYT-ACCOUNT on every request but the platform's own, and the accounts verbs.
 */
const OTHER = 'acc_01m92hzcnkfaasc64dy6pq9w0q';
const ENV_ACC = 'acc_473cr1y0ghbyc3m1yfbwvn3nxx';
let dir: string;
let hosted: HostedServer;
const exchanges: Sent[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-accounts-'));
  hosted = await startHostedServer();
});
afterAll(async () => {
  await hosted.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => hosted.reset());
afterEach(() => void exchanges.push(...hosted.sent));

const config = () => join(dir, 'config');
const env = (more: Record<string, string> = {}) => ({ CREDYT_CONFIG_DIR: config(), CREDYT_BASE_URL: hosted.url, CREDYT_API_KEY: KEY, ...more });
const run = (argv: string[], more?: Record<string, string>, tty = false) => runMain(argv, { env: env(more), tty });
/** The X-CREDYT-ACCOUNT each request carried (node lower-cases header names). */
const headers = () => hosted.sent.map((s) => `${s.method} ${s.path.split('?')[0]} ${s.headers['x-credyt-account'] ?? '-'}`);

describe('the header follows the selection', () => {
  it('none selected: no header', async () => {
    const r = await run(['customers', 'list']);
    expect(r.code, r.stderr).toBe(0);
    expect(headers()).toEqual(['GET /customers -']);
  });

  it('--account sends it on every request of the run, and beats CREDYT_ACCOUNT', async () => {
    const r = await run(['--account', ACCOUNT, 'customers', 'get', 'acme'], { CREDYT_ACCOUNT: ENV_ACC });
    expect(r.code, r.stderr).toBe(0);
    expect(headers()).toEqual([`GET /customers ${ACCOUNT}`, `GET /customers/${CUSTOMER} ${ACCOUNT}`]);
  });

  it('CREDYT_ACCOUNT alone; an empty one selects nothing', async () => {
    expect((await run(['wallet', 'get', CUSTOMER], { CREDYT_ACCOUNT: ENV_ACC })).code).toBe(0);
    expect((await run(['customers', 'list'], { CREDYT_ACCOUNT: '' })).code).toBe(0);
    expect(headers()).toEqual([`GET /customers/${CUSTOMER}/wallet ${ENV_ACC}`, 'GET /customers -']);
  });

  it('`credyt api -H` names its own, in any casing, and only that one is sent', async () => {
    const r = await run(['--account', ACCOUNT, 'api', 'GET', '/customers', '-H', `x-credyt-account:${OTHER}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(headers()).toEqual([`GET /customers ${OTHER}`]);
  });
});

describe('a malformed id is a usage error before any request', () => {
  it.each([
    ['--account', ['--account', 'acc_BAD', 'customers', 'list'], {}, /--account.*"acc_BAD" is not a connected account id/],
    ['--account with an l (not base 32)', ['customers', 'list', '--account', 'acc_l73cr1y0ghbyc3m1yfbwvn3nxx'], {}, /--account/],
    ['CREDYT_ACCOUNT', ['customers', 'list'], { CREDYT_ACCOUNT: 'bingo' }, /CREDYT_ACCOUNT="bingo" is not a connected account id \(acc_ and 26/],
  ])('%s', async (_name, argv, more, message) => {
    const r = await run(argv, more);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hosted.sent).toEqual([]);
  });
});

describe('a profile default', () => {
  const profileRun = (argv: string[], more: Record<string, string> = {}) => runMain(argv, { env: { CREDYT_CONFIG_DIR: config(), ...more } });
  beforeAll(async () => {
    const r = await runMain(['login', '--profile', 'plat', '--base-url', hosted.url, '--with-key'], { env: { CREDYT_CONFIG_DIR: config() }, stdin: KEY });
    expect(r.code, r.stderr).toBe(0);
  });

  it('profiles account sets it; flag > env > profile; --unset clears it', async () => {
    const set = await profileRun(['profiles', 'account', 'plat', ACCOUNT, '-o', 'json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ name: 'plat', default_account: ACCOUNT });
    expect(hosted.sent).toEqual([]);
    expect((await profileRun(['customers', 'list'])).code).toBe(0);
    expect((await profileRun(['customers', 'list'], { CREDYT_ACCOUNT: ENV_ACC })).code).toBe(0);
    expect((await profileRun(['customers', 'list', '--account', OTHER], { CREDYT_ACCOUNT: ENV_ACC })).code).toBe(0);
    expect(headers()).toEqual([`GET /customers ${ACCOUNT}`, `GET /customers ${ENV_ACC}`, `GET /customers ${OTHER}`]);
    const shown = JSON.parse((await profileRun(['profiles', 'list', '-o', 'json'])).stdout);
    expect(shown.find((p: { name: string }) => p.name === 'plat').default_account).toBe(ACCOUNT);
    hosted.reset();
    expect((await profileRun(['profiles', 'account', 'plat', '--unset'])).code).toBe(0);
    expect((await profileRun(['customers', 'list'])).code).toBe(0);
    expect(headers()).toEqual(['GET /customers -']);
  });

  it('a malformed key in the config file names the profile and the key (exit 2, nothing sent)', async () => {
    const path = join(config(), 'config.json');
    const before = readFileSync(path, 'utf8');
    const data = JSON.parse(before);
    data.profiles.plat.account = 'bingo';
    writeFileSync(path, JSON.stringify(data), { mode: 0o600 });
    try {
      const r = await profileRun(['customers', 'list']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('The "account" key of profile "plat" ("bingo") is not a connected account id');
      expect(hosted.sent).toEqual([]);
    } finally {
      writeFileSync(path, before, { mode: 0o600 });
    }
  });

  it('profiles account refuses a bad id, both or neither, and the local profile', async () => {
    const bad = await profileRun(['profiles', 'account', 'plat', 'bingo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"bingo" is not a connected account id');
    expect((await profileRun(['profiles', 'account', 'plat'])).stderr).toContain('Give an account id, or --unset');
    expect((await profileRun(['profiles', 'account', 'plat', ACCOUNT, '--unset'])).code).toBe(2);
    const local = await profileRun(['profiles', 'account', 'local', ACCOUNT]);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('--account or CREDYT_ACCOUNT');
  });

  it('login --account checks the account and saves it; an unknown one saves nothing', async () => {
    const login = (account: string, profile: string) =>
      runMain(['login', '--profile', profile, '--base-url', hosted.url, '--with-key', '--account', account], { env: { CREDYT_CONFIG_DIR: config() }, stdin: KEY });
    const unknown = await login(OTHER, 'nope');
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain(`no connected account ${OTHER} for this key; nothing was saved`);
    expect((await profileRun(['profiles', 'show', 'nope'])).code).toBe(2);
    const known = await login(ACCOUNT, 'bingo');
    expect(known.code, known.stderr).toBe(0);
    // The check and login's own requests speak for the platform.
    expect(headers()).toEqual([`GET /accounts/self -`, `GET /accounts/${OTHER} -`, 'GET /accounts/self -', `GET /accounts/${ACCOUNT} -`]);
    expect(JSON.parse((await profileRun(['profiles', 'show', 'bingo', '-o', 'json'])).stdout).default_account).toBe(ACCOUNT);
    // Logging in again to the same server keeps the default.
    const again = await runMain(['login', '--profile', 'bingo', '--base-url', hosted.url, '--with-key'], { env: { CREDYT_CONFIG_DIR: config() }, stdin: KEY });
    expect(again.code).toBe(0);
    expect(JSON.parse((await profileRun(['profiles', 'show', 'bingo', '-o', 'json'])).stdout).default_account).toBe(ACCOUNT);
    await profileRun(['profiles', 'use', 'local']);
  });
});

describe('accounts verbs speak for the platform', () => {
  it('create: {id} only, printed as served; the header is never sent', async () => {
    const r = await run(['accounts', 'create', '--name', 'Bingo Lingo', '--external-id', 'bingo', '--metadata', 'plan=pro'], { CREDYT_ACCOUNT: ENV_ACC }, true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Created connected account ${ACCOUNT}`);
    expect(r.stdout).toMatch(new RegExp(`│ ID +│ ${ACCOUNT} +│`));
    expect(hosted.sent[0]!.body).toEqual({ name: 'Bingo Lingo', external_id: 'bingo', metadata: { plan: 'pro' } });
    expect(headers()).toEqual(['POST /accounts -']);
  });

  it('create -q prints the id only', async () => {
    const r = await run(['accounts', 'create', '--name', 'Bingo', '-q']);
    expect(r.stdout).toBe(`${ACCOUNT}\n`);
    expect(headers()).toEqual(['POST /accounts -']);
  });

  it('create refuses an external id shaped like an id, and asks for a name only at a terminal', async () => {
    expect((await run(['accounts', 'create', '--name', 'X', '--external-id', OTHER])).code).toBe(2);
    const piped = await run(['accounts', 'create']);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('Missing --name <name>');
    expect(hosted.sent).toEqual([]);
  });

  it('list: table at a terminal, rows piped, the page as served with -o json, --external-id passed on', async () => {
    const table = await run(['accounts', 'list', '--account', OTHER], {}, true);
    expect(table.stdout).toMatch(/│ ID +│ NAME +│ EXTERNAL ID +│ CREATED AT +│/);
    const piped = await run(['accounts', 'list']);
    expect(piped.stdout.split('\t').slice(0, 3)).toEqual([ACCOUNT, 'Bingo Lingo', 'bingo']);
    const json = await run(['accounts', 'list', '--external-id', 'bingo', '--limit', '5', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual({ items: [{ id: ACCOUNT, external_id: 'bingo', name: 'Bingo Lingo' }], total_count: 1, limit: 20, offset: 0 });
    expect(hosted.sent.map((s) => s.path)).toEqual(['/accounts?limit=20&offset=0', '/accounts?limit=20&offset=0', '/accounts?limit=5&offset=0&external_id=bingo']);
    expect(headers().every((h) => h.endsWith(' -'))).toBe(true);
  });

  it('get: by id or by external id; an unknown one is exit 4 naming it', async () => {
    const byId = await run(['accounts', 'get', ACCOUNT, '-o', 'json']);
    expect(JSON.parse(byId.stdout)).toMatchObject({ id: ACCOUNT, name: 'Bingo Lingo' });
    const byExternal = await run(['accounts', 'get', 'bingo']);
    expect(byExternal.stdout.split('\t')[0]).toBe(ACCOUNT);
    const unknown = await run(['accounts', 'get', OTHER]);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain(`No connected account with id or external id "${OTHER}"`);
  });
});

describe('whoami and auth status show the selected account', () => {
  it('whoami: id, name and source; the platform account asked without the header', async () => {
    const r = await run(['whoami', '-o', 'json'], { CREDYT_ACCOUNT: ACCOUNT });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ connected_account_id: ACCOUNT, connected_account_name: 'Bingo Lingo', connected_account_source: 'env' });
    expect(headers()).toEqual(['GET /accounts/self -', `GET /accounts/${ACCOUNT} -`]);
  });

  it('whoami at a terminal; an account the server does not know still shows its id', async () => {
    const r = await run(['whoami', '--account', OTHER], {}, true);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`│ CONNECTED ACCOUNT +│ ${OTHER} +│`));
    expect(r.stdout).toMatch(/│ CONNECTED ACCOUNT SOURCE +│ flag +│/);
  });

  it('whoami with none: nulls', async () => {
    const r = await run(['whoami', '-o', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ connected_account_id: null, connected_account_name: null, connected_account_source: null });
  });

  it('auth status: the same three fields, piped and as JSON', async () => {
    const r = await run(['auth', 'status', '--account', ACCOUNT, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ authenticated: true, connected_account_id: ACCOUNT, connected_account_name: 'Bingo Lingo', connected_account_source: 'flag' });
    const piped = await run(['auth', 'status', '--account', ACCOUNT]);
    expect(piped.stdout.endsWith(`\t${ACCOUNT}\tBingo Lingo\tflag\n`)).toBe(true);
  });
});

describe('the file itself spoke the spec', () => {
  it('every request body and answer of /accounts validates against the OpenAPI file', () => {
    const problems: string[] = [];
    const ours = exchanges.filter((e) => e.path.startsWith('/accounts'));
    expect(ours.length).toBeGreaterThan(10);
    for (const { method, path, body, answer } of ours) {
      const op = findOperation(method, path);
      if (!op) {
        problems.push(`${method} ${path}: not in the spec`);
        continue;
      }
      const request = body === undefined ? undefined : checkRequest(op, body);
      if (request?.errors) problems.push(`${request.schema}: ${JSON.stringify(request.errors)}`);
      const response = answer?.body === undefined ? undefined : checkResponse(op, answer.status, answer.body);
      if (response?.errors) problems.push(`${response.schema}: ${JSON.stringify(response.errors)}`);
    }
    expect(problems.join('\n')).toBe('');
  });
});
