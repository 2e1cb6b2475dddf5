import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, json, type Sandbox } from '../helpers/cli.js';

describe('checkout top-ups: pending_in until completed or failed', () => {
  let box: Sandbox;
  const urls = ['--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed'];
  const account = async (id: string) => json(await box.run(['wallet', 'account', 'acme', id, '-o', 'json']));

  beforeAll(async () => {
    box = sandbox();
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

  it('an unknown top-up is exit 4', async () => {
    const r = await box.run(['top-ups', 'get', 'top_00000000000000000000000000']);
    expect(r.code).toBe(4);
  });
});
