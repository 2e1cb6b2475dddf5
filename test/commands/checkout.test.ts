import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process-sandbox.js';

describe('checkout top-ups: pending_in until completed or failed', () => {
  let box: InProcessSandbox;
  const urls = ['--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed'];
  const account = async (id: string) => json(await box.run(['wallet', 'account', 'acme', id, '-o', 'json']));

  beforeAll(async () => {
    box = inProcessSandbox();
    await box.run(['assets', 'create', '--code', 'TOK', '--name', 'Tokens', '--precision', '0', '--rate', 'USD=0.00001']);
    await box.run(['customers', 'create', '--name', 'Acme AI', '--external-id', 'acme']);
  });
  afterAll(() => box.cleanup());

  it('needs both URLs', async () => {
    const r = await box.run(['top-up', 'acme', '10', 'USD', '--checkout', '--return-url', 'https://app.example/ok']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--failure-url is required with --checkout/);
  });

  it('completes: pending_in moves to available', async () => {
    const started = await box.run(['top-up', 'acme', '10', 'USD', '--asset', 'TOK', '--checkout', ...urls, '-o', 'json']);
    expect(started.code).toBe(0);
    const topUp = json(started);
    expect(topUp).toMatchObject({ status: 'initiated', quantity: 1000000 });
    expect(topUp.id).toMatch(/^top_/);
    expect(topUp.redirect_url).toBeTruthy();
    expect(await account('default:TOK')).toMatchObject({ available: 0, pending_in: 1000000 });

    const done = await box.run(['top-ups', 'complete', topUp.id, '-o', 'json']);
    expect(done.code).toBe(0);
    expect(json(done)).toMatchObject({ status: 'completed' });
    expect(await account('default:TOK')).toMatchObject({ available: 1000000, pending_in: 0 });
    expect(json(await box.run(['top-ups', 'get', topUp.id, '-o', 'json']))).toMatchObject({ status: 'completed' });

    const again = await box.run(['top-ups', 'fail', topUp.id]);
    expect(again.code).toBe(5);
  });

  it('fails: pending_in is released', async () => {
    const id = (await box.run(['top-up', 'acme', '2.5', 'USD', '--checkout', ...urls, '-q'])).stdout.trim();
    expect(await account('default:USD')).toMatchObject({ available: 0, pending_in: 2.5 });
    const failed = await box.run(['top-ups', 'fail', id, '-o', 'json']);
    expect(failed.code).toBe(0);
    expect(json(failed)).toMatchObject({ status: 'failed' });
    expect(await account('default:USD')).toMatchObject({ available: 0, pending_in: 0 });
  });

  it('at a terminal: a table, "Started top-up" and the way to settle; piped: one row and the way to settle', async () => {
    const tty = await box.run(['top-up', 'acme', '3', 'USD', '--checkout', ...urls], { tty: true });
    expect(tty.code, tty.stderr).toBe(0);
    const id = /│ ID +│ (top_\w+) +│/.exec(tty.stdout)![1]!;
    expect(tty.stdout).toMatch(/│ STATUS +│ initiated +│/);
    const settle = `settle it here with \`credyt top-ups complete ${id}\` or \`fail ${id}\`.`;
    expect(tty.stderr).toContain(`Started top-up ${id}; the customer pays at the redirect URL.\n`);
    expect(tty.stderr).toContain(settle);
    const piped = await box.run(['top-up', 'acme', '4', 'USD', '--checkout', ...urls]);
    const row = piped.stdout.trimEnd().split('\t');
    expect(row.slice(1, 7)).toEqual(['initiated', expect.stringMatching(/^cust_/), '4', 'USD', 'USD', '4']);
    expect(row[8]).toMatch(new RegExp(`/checkout/${row[0]}\\?token=`));
    expect(piped.stderr).not.toContain('Started top-up');
    expect(piped.stderr).toContain(`settle it here with \`credyt top-ups complete ${row[0]}\``);
    for (const started of [id, row[0]!]) expect((await box.run(['top-ups', 'fail', started])).code).toBe(0);
  });

  it('an unknown top-up is exit 4', async () => {
    const r = await box.run(['top-ups', 'get', 'top_00000000000000000000000000']);
    expect(r.code).toBe(4);
  });
});
