import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { startMinimalServer, type MinimalServer, type Reply } from '../helpers/minimal-server.js';

/**
 * No command exits 1 ("unexpected") on a 2xx, whatever its body. Every request is answered
 * 200 with the same body: `{}`, nothing, `[]`, plain text, `null`, `{id}`, null members.
 * Reads that cannot print say so (exit 7); writes happened, so they exit 0 and say what
 * the answer left unknown.
 */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
const P = 'prp_01m92hzcnkfaasc64dy6pq9w0q';
const WRITES = [
  ['customers', 'create', '--name', 'Ana'],
  ['customers', 'subscribe', C, '--product', 'chat'],
  ['adjust', C, '5', 'USD', '--reason', 'gift', '--yes'],
  ['top-up', C, '5', 'USD', '--yes'],
  ['usage', 'post', C, '--type', 'chat'],
  ['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--label', 'tok', '--precision', '0', '--rate', 'USD=0.00001'],
  ['rates', 'add', 'TOK', '--source', 'USD', '--rate', '0.00002'],
  ['holds', 'create', C, '25', 'USD', '--expires-in', '15m'],
];
const dir = mkdtempSync(join(tmpdir(), 'credyt-any-2xx-'));
writeFileSync(join(dir, 'a.csv'), `customer,amount,asset,reason\n${C},5,USD,gift\n`);
writeFileSync(join(dir, 't.csv'), `customer,amount,currency\n${C},5,USD\n`);
writeFileSync(join(dir, 'u.ndjson'), `{"customer_id":"${C}","event_type":"chat"}\n`);
WRITES.push(['adjust', '--file', join(dir, 'a.csv'), '--yes'], ['top-up', '--file', join(dir, 't.csv'), '--yes'], ['usage', 'post', '--file', join(dir, 'u.ndjson')]);
const READS = [
  ['customers', 'get', C], ['customers', 'get', 'ana'], ['customers', 'list'],
  ['wallet', 'get', C], ['wallet', 'account', C, 'default:USD'], ['wallet', 'history', C], ['wallet', 'grants', C],
  ['products', 'list'], ['products', 'get', P], ['products', 'get', 'chat'], ['assets', 'list'], ['events', 'list'], ['holds', 'list', C],
  ['assets', 'quote', 'TOK', '--amount', '10', '--source', 'USD'], ['assets', 'get', 'TOK'], ['rates', 'list', 'TOK'], ['events', 'get', 'x'], ['top-ups', 'list'],
];
const ANSWERS: [string, Reply][] = [
  ['{}', { status: 200, body: {} }],
  ['no body', { status: 200 }],
  ['[]', { status: 200, body: [] }],
  ['text', { status: 200, type: 'text/plain', body: 'OK' }],
  ['null', { status: 200, body: null }],
  ['{id}', { status: 200, body: { id: 'x' } }],
  ['null members', { status: 200, body: { id: null, items: null, accounts: null, products: null } }],
];

let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(ANSWERS)('every answer %s', (_name, reply) => {
  it('writes exit 0, reads never exit 1', async () => {
    s.routes = [() => reply];
    const bad: string[] = [];
    for (const argv of [...WRITES, ...READS]) {
      for (const o of [[], ['-o', 'json']]) {
        const r = await runMain([...argv, ...o], { env: s.env() });
        const write = WRITES.includes(argv);
        if ((write && r.code !== 0) || r.code === 1 || /unexpected/i.test(r.stderr)) bad.push(`${[...argv, ...o].join(' ')} → ${r.code} ${r.stderr.trim()}`);
      }
    }
    expect(bad).toEqual([]);
  }, 60_000);
});

describe('what a write without a usable answer says', () => {
  it('customers create: a warning naming the missing id, exit 0', async () => {
    s.routes = [() => ({ status: 201 })];
    const r = await runMain(['customers', 'create', '--name', 'Ana', '--external-id', 'ana'], { env: s.env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Warning: the server answered without the customer's id");
    expect(r.stderr).toContain('ana');
  });

  it('a read without a body: exit 7 naming the request', async () => {
    s.routes = [() => ({ status: 200 })];
    const r = await runMain(['customers', 'get', C], { env: s.env() });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/customers\/cust_\w+ answered 200 without a body/);
  });
});
