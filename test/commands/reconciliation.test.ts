import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/in-process.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const cli = async (argv: string[]) => {
  const r = await runMain(argv, { env });
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
};
const items = async (argv: string[]) => JSON.parse((await cli([...argv, '-o', 'json'])).stdout).items as Record<string, unknown>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credyt-reconcile-'));
  env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  await cli(['customers', 'create', '--name', 'Acme', '--external-id', 'acme']);
  await cli(['customers', 'create', '--name', 'Beta', '--external-id', 'beta']);
  await cli(['top-up', 'acme', '10', 'USD']);
  await cli(['top-up', 'beta', '5', 'USD', '--reason', 'gift']);
  await cli(['adjust', 'acme', '-2', 'USD', '--reason', 'external_refund']);
  const checkout = ['--checkout', '--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/no', '-q'];
  const paid = (await cli(['top-up', 'acme', '20', 'USD', ...checkout])).stdout.trim();
  const declined = (await cli(['top-up', 'beta', '30', 'USD', ...checkout])).stdout.trim();
  await cli(['top-up', 'acme', '40', 'USD', ...checkout]);
  await cli(['top-ups', 'complete', paid]);
  await cli(['top-ups', 'fail', declined]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('top-ups list (local extension)', () => {
  it('lists payment top-ups newest first, filtered by customer and status', async () => {
    const all = await items(['top-ups', 'list']);
    expect(all.map((t) => `${t.status} ${t.amount}`)).toEqual(['initiated 40', 'failed 30', 'completed 20']);
    expect((await items(['top-ups', 'list', '--customer', 'acme'])).map((t) => t.amount)).toEqual([40, 20]);
    expect((await items(['top-ups', 'list', '--status', 'failed'])).map((t) => t.amount)).toEqual([30]);
    expect(await items(['top-ups', 'list', '--until', '2000-01-01T00:00:00Z'])).toEqual([]);
    expect(await items(['top-ups', 'list', '--since', '2099-01-01T00:00:00Z'])).toEqual([]);
  });

  it('prints csv with the API keys as headers, and refuses an unknown status (exit 2)', async () => {
    const csv = (await cli(['top-ups', 'list', '--status', 'completed', '-o', 'csv'])).stdout.split('\n');
    expect(csv[0]).toBe('id,status,customer_id,amount,currency,quantity,asset,created_at');
    expect(csv[1]).toMatch(/^top_\w+,completed,cust_\w+,20,USD,20,USD,/);
    const bad = await runMain(['top-ups', 'list', '--status', 'paid'], { env });
    expect(bad.code).toBe(2);
  });

  it('says it is a local extension in its help', async () => {
    expect((await cli(['top-ups', 'list', '--help'])).stdout).toContain('local extension');
  });
});

describe('adjustments list (local extension)', () => {
  it('lists adjustments newest first, filtered by customer and reason', async () => {
    const all = await items(['adjustments', 'list']);
    // The completed payment top-up credited through an adjustment too.
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect((await items(['adjustments', 'list', '--reason', 'gift'])).map((a) => `${a.amount} ${a.asset}`)).toEqual(['5 USD']);
    const acme = await items(['adjustments', 'list', '--customer', 'acme', '--reason', 'external_refund']);
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({ amount: -2, reason: 'external_refund' });
    expect(await items(['adjustments', 'list', '--until', '2000-01-01T00:00:00Z'])).toEqual([]);
  });

  it('pages with --limit and --offset and says how many exist', async () => {
    const r = await cli(['adjustments', 'list', '--limit', '1', '--offset', '1', '-o', 'tsv', '--no-header']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Showing 2–2 of \d+ adjustments/);
  });

  it('an unknown customer is exit 4', async () => {
    expect((await runMain(['adjustments', 'list', '--customer', 'nobody'], { env })).code).toBe(4);
  });
});

describe('top-up --checkout on the embedded profile', () => {
  it('prints a link with the port local serve listens on, and says how to open it', async () => {
    const r = await runMain(
      ['top-up', 'acme', '1', 'USD', '--checkout', '--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/no', '-o', 'json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const topUp = JSON.parse(r.stdout) as { id: string; redirect_url: string };
    expect(topUp.redirect_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4010/checkout/${topUp.id}\\?token=`));
    expect(r.stderr).toContain('run `credyt local serve`');
    expect(r.stderr).toContain(`credyt top-ups complete ${topUp.id}`);
  });
});
