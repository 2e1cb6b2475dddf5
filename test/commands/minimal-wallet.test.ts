import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';
import { on, startMinimalServer, type MinimalServer } from '../helpers/minimal-server.js';

/** Wallet accounts as Credyt's examples show them: without pending_in/out, ids in either case. */
const C = 'cust_473cr1y0ghbyc3m1yfbwvn3nxx';
let s: MinimalServer;
beforeAll(async () => {
  s = await startMinimalServer();
});
afterAll(() => s.close());
beforeEach(() => {
  s.routes = [];
  s.sent = [];
});

const wallet = (id: string) => on('GET', `/customers/${C}/wallet`, { status: 200, body: { accounts: [{ id, name: 'default', asset: 'USD', available: 998.5 }] } });
const account = (id: string) =>
  on('GET', `/customers/${C}/wallet/${id}`, { status: 200, body: { id, name: 'default', asset: 'USD', available: 998.5, pending_in: 2, pending_out: 1 } });

describe('accounts without pending_in/pending_out', () => {
  it('wallet get: the pending columns are blank (not 0), exit 0; JSON as received', async () => {
    s.routes = [wallet('default:USD')];
    const tty = await runMain(['wallet', 'get', C], { env: s.env(), tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('998.5');
    const piped = await runMain(['wallet', 'get', C], { env: s.env() });
    expect(piped.stdout).toBe('default:USD\tUSD\t998.5\t\t\n');
    const json = await runMain(['wallet', 'get', C, '-o', 'json'], { env: s.env() });
    expect(JSON.parse(json.stdout).accounts[0]).not.toHaveProperty('pending_in');
  });
});

describe('account ids in any case', () => {
  it('default:usd finds default:USD on a server that matches exactly', async () => {
    s.routes = [wallet('default:USD'), account('default:USD')];
    const r = await runMain(['wallet', 'account', C, 'default:usd'], { env: s.env() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('default:USD\tUSD\t998.5\t2\t1\n');
  });

  it('default:USD finds default:usd (Credyt names some accounts in lower case)', async () => {
    s.routes = [wallet('default:usd'), account('default:usd')];
    const r = await runMain(['wallet', 'account', C, 'default:USD', '-o', 'json'], { env: s.env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'default:usd', pending_in: 2 });
  });

  it('an account the wallet does not have stays not found (exit 4)', async () => {
    s.routes = [wallet('default:USD')];
    const r = await runMain(['wallet', 'account', C, 'default:eur'], { env: s.env() });
    expect(r.code).toBe(4);
  });
});
