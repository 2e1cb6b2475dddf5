import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/money/decimal.js';
import { runMain } from '../../helpers/in-process.js';
import { testApp } from '../server/app-fixture.js';

const HOUR = 3_600_000;
const sum = (values: unknown[]) => values.reduce<Decimal>((a, v) => a.add(String(v)), new Decimal(0));

/**
 * docs/ledger.md: available = Σ remaining − debt. An expired grant has nothing left to
 * draw, so it shows remaining 0 and what expired as expired_amount.
 */
describe('wallet grants after a grant expires', () => {
  it('GET …/grants: the expired grant has remaining 0 and expired_amount 1.5; Σ remaining = available', async () => {
    const { call, clock } = testApp();
    const customer = (await call('POST', '/customers', { name: 'Acme', external_id: 'acme' })).body.id as string;
    const adjust = async (body: Record<string, unknown>) =>
      expect((await call('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', ...body })).status).toBe(201);
    await adjust({ amount: 2, reason: 'gift', expires_at: new Date(clock().getTime() + HOUR).toISOString() });
    await adjust({ amount: 3, reason: 'external_topup' });
    await adjust({ amount: -0.5, reason: 'charge' });
    clock.advance(2 * HOUR);

    const grants = (await call('GET', `/customers/${customer}/wallet/default:USD/grants`)).body.items as Record<string, unknown>[];
    const gift = grants.find((g) => g.purpose === 'promotion')!;
    const paid = grants.find((g) => g.purpose === 'paid')!;
    expect(gift).toMatchObject({ amount: 2, remaining: 0, expired_amount: 1.5 });
    expect(gift.expired_at).not.toBeNull();
    expect(paid).toMatchObject({ amount: 3, remaining: 3, expired_amount: 0, expired_at: null });
    const account = (await call('GET', `/customers/${customer}/wallet/default:USD`)).body;
    expect(sum(grants.map((g) => g.remaining)).eq(String(account.available))).toBe(true);
    expect(String(account.available)).toBe('3');
  });

  it('credyt wallet grants: REMAINING 0 and EXPIRED 1.5 for the expired grant (json and tsv)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credyt-grants-expiry-'));
    try {
      const env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
      const ok = async (args: string[]) => {
        const r = await runMain(args, { env });
        expect(r.code, r.stderr).toBe(0);
        return r;
      };
      await ok(['customers', 'create', '--name', 'Acme', '--external-id', 'acme']);
      const soon = new Date(Date.now() + 1500).toISOString();
      await ok(['adjust', 'acme', '2', 'USD', '--reason', 'gift', '--expires-at', soon]);
      await ok(['adjust', 'acme', '-0.5', 'USD', '--reason', 'charge']);
      await sleep(Math.max(0, Date.parse(soon) - Date.now()) + 300);

      const doc = JSON.parse((await ok(['wallet', 'grants', 'acme', 'default:USD', '-o', 'json'])).stdout);
      const items = doc.items ?? doc;
      expect(items[0]).toMatchObject({ remaining: 0, expired_amount: 1.5 });
      const tsv = (await ok(['wallet', 'grants', 'acme', 'default:USD', '--fields', 'id,remaining,expired_amount'])).stdout.trim().split('\t');
      expect(tsv.slice(1)).toEqual(['0', '1.5']);
      const wallet = JSON.parse((await ok(['wallet', 'account', 'acme', 'default:USD', '-o', 'json'])).stdout);
      expect(String(wallet.available)).toBe('0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
