import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { checkRequest, checkResponse, findOperation } from '../contract/spec.js';
import { ADJUSTMENT, CHECKOUT_URL, CUSTOMER, EVENT, KEY, PORTAL_URL, TOP_UP, startHostedServer, type HostedServer, type Sent } from '../helpers/hosted-server.js';

/**
 * The main commands against a server answering only Credyt's published shapes at their
 * most minimal (test/helpers/hosted-server.ts): exit 0 and the server's values printed.
 */
let dir: string;
let hosted: HostedServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-hosted-'));
  hosted = await startHostedServer();
});
afterAll(async () => {
  await hosted.close();
  rmSync(dir, { recursive: true, force: true });
});
/** Every exchange of the suite, for the spec check at the end. */
const exchanges: Sent[] = [];
beforeEach(() => hosted.reset());
afterEach(() => void exchanges.push(...hosted.sent));

const env = () => ({ CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_BASE_URL: hosted.url, CREDYT_API_KEY: KEY });
const run = (argv: string[], stdin?: string) => runMain(argv, { env: env(), stdin });
const ok = (r: { code: number; stdout: string; stderr: string }) => {
  expect(r.stderr).not.toMatch(/unexpected/i);
  expect(r.code, r.stderr).toBe(0);
  // A member the minimal shape lacks must not surface as a placeholder of the language.
  expect(r.stdout).not.toMatch(/undefined|NaN|Invalid Date|\[object Object\]/);
};

describe('profiles', () => {
  it('login --with-key saves a profile after checking the key', async () => {
    const r = await runMain(['login', '--profile', 'hosted', '--base-url', hosted.url, '--with-key'], {
      env: { CREDYT_CONFIG_DIR: join(dir, 'login-config') },
      stdin: KEY,
    });
    ok(r);
    expect(hosted.sent.map((s) => `${s.method} ${s.path}`)).toContain('GET /accounts/self');
  });

  it('auth status: the key works', async () => {
    const r = await run(['auth', 'status']);
    ok(r);
    expect(r.stdout + r.stderr).toContain(hosted.url.replace('http://', ''));
  });
});

describe('customers', () => {
  it('create: {id} only', async () => {
    const r = await run(['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme', '-o', 'json']);
    ok(r);
    expect(JSON.parse(r.stdout).id).toBe(CUSTOMER);
  });

  it('list: the envelope', async () => {
    const r = await run(['customers', 'list', '-o', 'json']);
    ok(r);
    expect(r.stdout).toContain(CUSTOMER);
  });

  it('get by id', async () => {
    const r = await run(['customers', 'get', CUSTOMER]);
    ok(r);
    expect(r.stdout).toContain('Acme AI');
  });
});

describe('wallet', () => {
  it('get: the available amount as a JSON number', async () => {
    const r = await run(['wallet', 'get', CUSTOMER]);
    ok(r);
    expect(r.stdout).toContain('998.5');
  });
});

describe('top-up', () => {
  it('plain: an adjustment answering {id, created_at}, accepted (not a replay)', async () => {
    const r = await run(['top-up', CUSTOMER, '10', 'USD', '--yes', '--transaction-id', ADJUSTMENT]);
    ok(r);
    expect(r.stdout).toContain(ADJUSTMENT);
    expect(r.stdout).toContain('accepted');
    expect(r.stdout + r.stderr).not.toMatch(/duplicate|already applied/i);
  });

  it('--checkout: prints the redirect_url', async () => {
    const r = await run(['top-up', CUSTOMER, '25', 'USD', '--checkout', '--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed', '--yes']);
    ok(r);
    expect(r.stdout).toContain(CHECKOUT_URL);
    expect(r.stdout + r.stderr).toContain(TOP_UP);
  });

  it('--file: every line applied', async () => {
    const file = join(dir, 'top-ups.csv');
    writeFileSync(file, `customer,amount,currency\n${CUSTOMER},10,USD\n${CUSTOMER},5.5,USD\n`);
    const r = await run(['top-up', '--file', file, '--yes', '-o', 'jsonl']);
    ok(r);
    expect(hosted.sent.filter((s) => s.path.endsWith('/wallet/adjustments'))).toHaveLength(2);
  });
});

describe('adjust', () => {
  it('credits with {id, created_at} back', async () => {
    const r = await run(['adjust', CUSTOMER, '3', 'USD', '--reason', 'gift', '--yes', '--transaction-id', ADJUSTMENT]);
    ok(r);
    expect(r.stdout).toContain(ADJUSTMENT);
    expect(r.stdout + r.stderr).not.toMatch(/duplicate|already applied/i);
  });
});

describe('usage post', () => {
  it('one event: 202, no body', async () => {
    const r = await run(['usage', 'post', CUSTOMER, '--type', 'chat', '--id', EVENT, '-o', 'json']);
    ok(r);
    expect(JSON.parse(r.stdout).events[0]).toMatchObject({ id: EVENT, status: 'sent' });
  });

  it('--file: 202, no body', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, `{"customer":"${CUSTOMER}","type":"chat"}\n{"customer":"${CUSTOMER}","type":"chat","data":{"tokens":3}}\n`);
    const r = await run(['usage', 'post', '--file', file, '-o', 'jsonl']);
    ok(r);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('events', () => {
  it('list: {id, fees} items', async () => {
    const r = await run(['events', 'list', '-o', 'json']);
    ok(r);
    expect(r.stdout).toContain(EVENT);
  });

  it('list as a table: {id, fees: [{amount, product_version}]} items', async () => {
    const r = await run(['events', 'list']);
    ok(r);
    expect(r.stdout).toContain(EVENT);
  });

  it('get: {id, fees}', async () => {
    const r = await run(['events', 'get', EVENT]);
    ok(r);
    expect(r.stdout).toContain(EVENT);
    expect(r.stdout).toContain('0.25');
  });
});

describe('portal', () => {
  it('prints the session redirect_url', async () => {
    const r = await run(['portal', CUSTOMER]);
    ok(r);
    expect(r.stdout).toContain(PORTAL_URL);
  });
});

describe('assets', () => {
  it('list: items of {code}', async () => {
    const r = await run(['assets', 'list', '-o', 'json']);
    ok(r);
    expect(r.stdout).toContain('TOK');
  });

  it('get: {code}', async () => {
    const r = await run(['assets', 'get', 'TOK']);
    ok(r);
    expect(r.stdout).toContain('TOK');
  });
});

describe('local-only commands against the hosted shape', () => {
  it('adjustments list: exit 12, GET /adjustments is not published', async () => {
    const r = await run(['adjustments', 'list']);
    expect(r.code).toBe(12);
    expect(r.stderr).toContain('GET /adjustments');
  });
});

describe('error mapping', () => {
  const problem = (status: number, title: string, extra: object = {}) => ({ type: 'about:blank', title, status, ...extra });

  it('401: exit 3 and the way to a working key', async () => {
    const r = await runMain(['customers', 'get', CUSTOMER], { env: { ...env(), CREDYT_API_KEY: 'key_wrong' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/key/i);
  });

  it('404 ProblemDetails: exit 4', async () => {
    hosted.force({ status: 404, body: problem(404, 'Not Found', { detail: 'Customer not found' }) });
    const r = await run(['customers', 'get', CUSTOMER]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Customer not found');
  });

  it('422 ValidationProblem: exit 5, the field named', async () => {
    hosted.force({ status: 422, body: problem(422, 'Validation failed', { errors: { amount: ['must be positive'] } }) });
    const r = await run(['adjust', CUSTOMER, '3', 'USD', '--reason', 'gift', '--yes']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('amount');
    expect(r.stderr).toContain('must be positive');
  });

  it('429 then 200: retried, exit 0', async () => {
    hosted.force({ status: 429, headers: { 'retry-after': '0' }, body: problem(429, 'Too Many Requests') });
    const r = await run(['customers', 'get', CUSTOMER]);
    ok(r);
    expect(hosted.sent).toHaveLength(2);
    expect(r.stdout).toContain('Acme AI');
  });

  it('503 every time: a server error exit, nothing "unexpected"', async () => {
    const down = { status: 503, headers: { 'retry-after': '0' } };
    hosted.force(down, down, down, down, down, down);
    const r = await run(['customers', 'get', CUSTOMER]);
    expect(r.stderr).not.toMatch(/unexpected/i);
    expect(r.code).toBe(7);
  });
});

describe('more shapes and paths', () => {
  it('customers get by external id: GET /customers?external_id= answering the page', async () => {
    const r = await run(['customers', 'get', 'acme']);
    ok(r);
    expect(hosted.sent[0]!.path).toBe('/customers?external_id=acme');
    expect(r.stdout).toContain(CUSTOMER);
  });

  it('whoami: an empty account context', async () => {
    const r = await run(['whoami']);
    ok(r);
    expect(r.stdout).toContain(hosted.url);
  });

  it('login with a wrong key: refused (exit 3), nothing saved', async () => {
    const config = join(dir, 'refused-config');
    const r = await runMain(['login', '--profile', 'hosted', '--base-url', hosted.url, '--with-key'], {
      env: { CREDYT_CONFIG_DIR: config },
      stdin: 'key_wrong',
    });
    expect(r.code).toBe(3);
    const list = await runMain(['profiles', 'list', '-o', 'json'], { env: { CREDYT_CONFIG_DIR: config } });
    expect(list.stdout).not.toContain('hosted');
  });

  it('404 with no body on a published read: exit 4, not exit 12', async () => {
    hosted.force({ status: 404 });
    const r = await run(['customers', 'get', CUSTOMER]);
    expect(r.code).toBe(4);
  });

  it('usage post 422 ValidationProblem: exit 5, the field named', async () => {
    hosted.force({ status: 422, body: { type: 'about:blank', title: 'Validation failed', status: 422, errors: { 'events[0].event_type': ['is required'] } } });
    const r = await run(['usage', 'post', CUSTOMER, '--type', 'chat']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('event_type');
  });

  it('usage post 429 then 202: the same event sent again, exit 0', async () => {
    hosted.force({ status: 429, headers: { 'retry-after': '0' } });
    const r = await run(['usage', 'post', CUSTOMER, '--type', 'chat', '--id', EVENT, '-o', 'json']);
    ok(r);
    expect(hosted.sent).toHaveLength(2);
    expect(hosted.sent[1]!.body).toEqual(hosted.sent[0]!.body);
  });
});

describe('at a terminal: the human layouts read the minimal shapes', () => {
  const tty = (argv: string[]) => runMain(argv, { env: { ...env(), NO_COLOR: '1' }, tty: true });
  it.each([
    [['customers', 'create', '--name', 'Acme AI'], CUSTOMER],
    [['customers', 'list'], 'Acme AI'],
    [['customers', 'get', CUSTOMER], 'Acme AI'],
    [['wallet', 'get', CUSTOMER], '998.5'],
    [['top-up', CUSTOMER, '25', 'USD', '--checkout', '--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed', '--yes'], CHECKOUT_URL],
    [['top-up', CUSTOMER, '10', 'USD', '--yes'], '10'],
    [['portal', CUSTOMER], PORTAL_URL],
    [['assets', 'list'], 'TOK'],
    [['assets', 'get', 'TOK'], 'TOK'],
    [['usage', 'post', CUSTOMER, '--type', 'chat'], 'sent'],
  ])('credyt %j', async (argv, shown) => {
    const r = await tty(argv);
    ok(r);
    expect(r.stdout).toContain(shown);
  });

  it('events get: {id, fees: [{amount, product_version}]}', async () => {
    const r = await tty(['events', 'get', EVENT]);
    ok(r);
    expect(r.stdout).toContain('0.25');
  });
});

describe('the suite itself spoke the spec', () => {
  it('every request body and every answer validates against spec/credyt-openapi.yaml', () => {
    expect(exchanges.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const { method, path, body, answer } of exchanges) {
      const op = findOperation(method, path);
      if (!op) {
        // Only the local-only endpoint checked for exit 12 is off the spec, and the probe for
        // batches of adjustments that a bulk run sends a server on this machine (as this stand-in is; 404).
        if (!['/adjustments', '/local/wallet-adjustments'].includes(path.split('?')[0]!)) problems.push(`${method} ${path}: not in the spec`);
        continue;
      }
      if (!['documented', 'collection'].includes(op.confidence)) problems.push(`${method} ${path}: ${op.confidence}`);
      const request = body === undefined ? undefined : checkRequest(op, body);
      if (request?.errors) problems.push(`${request.schema}: ${JSON.stringify(request.errors)}`);
      const response = answer?.body === undefined ? undefined : checkResponse(op, answer.status, answer.body);
      if (response?.errors) problems.push(`${response.schema}: ${JSON.stringify(response.errors)}`);
    }
    expect(problems.join('\n')).toBe('');
  });
});
