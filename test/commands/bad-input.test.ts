import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessSandbox, serveInProcess, type InProcessSandbox, type InProcessServer } from '../helpers/in-process-sandbox.js';

describe('bad input: one clear message, the documented exit code, no balance change', () => {
  let box: InProcessSandbox;
  let before: string;

  beforeAll(async () => {
    box = inProcessSandbox();
    for (const args of [
      ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.00001'],
      ['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme'],
      ['top-up', 'acme', '14.566678', 'USD', '--transaction-id', '11111111-1111-4111-8111-111111111111'],
      ['top-up', 'acme', '9934.50234', 'USD', '--asset', 'TOK'],
    ]) {
      const r = await box.run(args);
      if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    }
    before = (await box.run(['wallet', 'get', 'acme', '-o', 'json'])).stdout;
  });

  afterAll(async () => {
    const after = await box.run(['wallet', 'get', 'acme', '-o', 'json']);
    expect(after.stdout).toBe(before);
    box.cleanup();
  });

  const cases: [string, string[], number, RegExp][] = [
    ['more decimals than the asset allows', ['top-up', 'acme', '1.5', 'TOK'], 5, /amount.*1\.5.*0 decimal places|whole number/i],
    ['a zero top-up', ['top-up', 'acme', '0', 'USD'], 2, /amount.*greater than zero/i],
    ['a negative top-up', ['top-up', 'acme', '-5', 'USD'], 2, /amount.*greater than zero/i],
    ['a rate that is not a number', ['assets', 'create', '--code', 'X1', '--name', 'X', '--precision', '0', '--rate', 'USD=abc'], 2, /--rate.*"abc".*not a decimal/],
    ['both --rate and --inverse-rate', ['rates', 'add', 'TOK', '--source', 'USD', '--rate', '0.1', '--inverse-rate', '10'], 2, /exactly one of --rate or --inverse-rate/],
    ['a currency in both --rate and --inverse-rate', ['assets', 'create', '--code', 'X2', '--name', 'X', '--precision', '0', '--rate', 'USD=0.1', '--inverse-rate', 'USD=10'], 2, /USD.*more than once/],
    ['an unknown asset to buy', ['top-up', 'acme', '10', 'USD', '--asset', 'NOPE'], 4, /NOPE/],
    ['an unknown asset to adjust', ['adjust', 'acme', '5', 'NOPE', '--reason', 'gift'], 4, /asset.*NOPE/i],
    ['an unknown customer', ['wallet', 'get', 'nobody'], 4, /No customer with id or external id "nobody"/],
    ['an unknown account', ['wallet', 'account', 'acme', 'default:EUR'], 4, /default:EUR/],
    ['a duplicate asset code', ['assets', 'create', '--code', 'tok', '--name', 'Again', '--precision', '0'], 5, /tok|TOK/],
    ['a duplicate external id', ['customers', 'create', '--name', 'Other', '--external-id', 'acme'], 5, /acme|external_id/],
    ['a replayed transaction id with another amount', ['top-up', 'acme', '15', 'USD', '--transaction-id', '11111111-1111-4111-8111-111111111111'], 5, /transaction|idempoten/i],
    ['a wrong sign for the reason', ['adjust', 'acme', '5', 'USD', '--reason', 'charge'], 2, /--reason charge needs a negative AMOUNT/],
    ['a precision out of range', ['assets', 'create', '--code', 'X3', '--name', 'X', '--precision', '19'], 2, /--precision.*out of range/],
    ['an unknown output format', ['wallet', 'get', 'acme', '-o', 'yaml'], 2, /yaml/],
  ];

  it.each(cases)('%s', async (_name, args, code, message) => {
    const r = await box.run(args);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.code).toBe(code);
  });

  it('a usage error reads the same at a terminal as piped: stderr only, exit 2', async () => {
    const piped = await box.run(['top-up', 'acme', '0', 'USD']);
    const tty = await box.run(['top-up', 'acme', '0', 'USD'], { tty: true });
    expect(piped.stderr).toBe('error: command-argument value \'0\' is invalid for argument \'amount\'. "0" must be greater than zero.\nRun `credyt top-up --help` for usage.\n');
    expect(tty).toEqual(piped);
    expect(tty).toMatchObject({ code: 2, stdout: '' });
  });

  it('replaying a transaction id with the same amount credits once', async () => {
    const r = await box.run(['top-up', 'acme', '14.566678', 'USD', '--transaction-id', '11111111-1111-4111-8111-111111111111']);
    expect(r.code).toBe(0);
  });
});

describe('bad profiles and unreachable servers', () => {
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

  it('a wrong key is exit 3 and saves nothing', async () => {
    const r = await box.run(['login', '--profile', 'dev', '--base-url', served.url, '--with-key'], { input: 'key_wrong' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/rejected the API key/);
    const list = await box.run(['profiles', 'list', '-o', 'json']);
    expect(JSON.parse(list.stdout).map((p: { name: string }) => p.name)).toEqual(['local']);
  });

  it('a wrong key on a command is exit 3 with a hint at where the key came from', async () => {
    const r = await box.run(['customers', 'list', '--base-url', served.url], { env: { CREDYT_API_KEY: 'key_wrong' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/check CREDYT_API_KEY/);
  });

  it('a remote profile without a key is exit 3', async () => {
    const r = await box.run(['customers', 'list', '--base-url', served.url]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no API key/i);
  });

  it('an unreachable base URL is exit 8', async () => {
    const r = await box.run(['customers', 'list', '--base-url', 'http://127.0.0.1:9', '--max-retries', '0'], {
      env: { CREDYT_API_KEY: 'key_x' },
    });
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(/127\.0\.0\.1:9/);
  });

  it('plain http to a host that is not loopback is exit 2', async () => {
    const r = await box.run(['customers', 'list', '--base-url', 'http://example.com'], { env: { CREDYT_API_KEY: 'key_x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/http:\/\/example\.com/);
  });

  it('top-ups complete on a remote profile is a clear usage error', async () => {
    const r = await box.run(['top-ups', 'complete', 'top_01jx7k3m9q2r4s6t8v0w2y4z6d', '--base-url', 'https://api.credyt.ai'], {
      env: { CREDYT_API_KEY: 'key_x' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/only on local profiles/);
  });

  it('local serve answers malformed JSON with 400 problem+json', async () => {
    const res = await fetch(`${served.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-credyt-api-key': served.apiKey },
      body: '{"name": "Acme",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ status: 400 });
  });

  it('local serve refuses requests without a key', async () => {
    const res = await fetch(`${served.url}/customers`);
    expect(res.status).toBe(401);
  });
});
