import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProblem, testApp } from '../server/app-fixture.js';
import { runMain } from '../../helpers/in-process.js';
import { parseAmountText } from '../../../src/money/amount.js';

const REFUSED = [' 5', '5 ', '+5', '1e3', '1E-2', '5.', '.5', '5,0', '0x10', '', '-', '1_000', 'Infinity', 'NaN', '٥'];

describe('one grammar for amounts written as text', () => {
  it('parseAmountText takes plain decimals only', () => {
    for (const text of ['5', '-2.50', '0.00001', '007', '1000000000000000000']) expect(parseAmountText(text)?.toFixed()).toBeDefined();
    for (const text of REFUSED) expect(parseAmountText(text), JSON.stringify(text)).toBeUndefined();
  });

  it('JSON bodies: a string amount outside it is a 422 naming the field; a JSON number is JSON', async () => {
    const t = testApp();
    const customer = (await t.call('POST', '/customers', { name: 'A' })).body.id as string;
    const adjust = (amount: string) =>
      t.call('POST', `/customers/${customer}/wallet/adjustments`, `{"transaction_id":"${randomUUID()}","asset":"USD","amount":${amount},"reason":"external_topup"}`);
    for (const text of ['+5', ' 5', '1e1', '5.']) {
      const problem = isProblem(await adjust(JSON.stringify(text)), 422, 'validation_failed');
      expect(problem.errors.amount[0]).toMatch(/^amount ".*" is not a decimal number \(digits with an optional minus/);
    }
    expect((await adjust('"5.25"')).status).toBe(201);
    expect((await adjust('1e1')).status).toBe(201);
    const hold = await t.call('POST', `/customers/${customer}/wallet/holds`, `{"hold_id":"${randomUUID()}","asset":"USD","amount":"+1"}`);
    expect(hold.status).toBe(422);
    const quote = await t.call('POST', '/assets/USD/quote', '{"amount":"1e2","currency":"USD"}');
    expect(quote.status).toBe(422);
  });
});

describe('CLI amounts', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-amount-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    expect((await runMain(['customers', 'create', '--name', 'A', '--external-id', 'acme'], { env })).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('arguments and flags outside the grammar are exit 2', async () => {
    for (const argv of [
      ['top-up', 'acme', '+5', 'USD', '--yes'],
      ['top-up', 'acme', '1e3', 'USD', '--yes'],
      ['adjust', 'acme', ' 5', 'USD', '--reason', 'external_topup', '--yes'],
      ['holds', 'create', 'acme', '5.', 'USD'],
      ['assets', 'create', '--code', 'TOK', '--name', 'T', '--precision', '0', '--rate', 'USD=1e-5'],
    ]) {
      const r = await runMain(argv, { env });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/is not a decimal number/);
    }
    expect((await runMain(['top-up', 'acme', '5', 'USD', '--yes'], { env })).code).toBe(0);
  });

  it('a --file line with such an amount is reported by line', async () => {
    const path = join(dir, 'top-ups.ndjson');
    writeFileSync(path, '{"customer":"acme","amount":"1e3","currency":"USD"}\n{"customer":"acme","amount":"2","currency":"USD"}\n');
    const r = await runMain(['top-up', '--file', path, '--yes'], { env });
    expect(r.code, r.stderr).toBe(9);
    expect(r.stderr).toMatch(/:1: .*"amount" "1e3" is not a decimal number/);
  });
});
