import { describe, expect, it } from 'vitest';
import { testApp } from './app-fixture.js';

describe('the reference scenario over HTTP', () => {
  it('keeps every digit from asset to wallet', async () => {
    const { call } = testApp();
    const asset = await call('POST', '/assets', '{"code":"TOK","name":"Tokens","precision":0,"rates":[{"source":"USD","rate":0.00001}]}');
    expect(asset.status).toBe(201);
    expect(asset.text).toContain('"rates":[{"source":"USD","rate":0.00001,"inverse_rate":100000,');

    const customer = await call('POST', '/customers', { name: 'Acme AI', external_id: 'acme' });
    expect(customer.status).toBe(201);
    const id = customer.body.id as string;

    const usd = await call(
      'POST',
      `/customers/${id}/wallet/adjustments`,
      '{"transaction_id":"9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11","asset":"USD","amount":14.566678,"reason":"external_topup"}',
    );
    expect(usd.status).toBe(201);
    expect(usd.text).toContain('"amount":14.566678,');

    const quote = await call('POST', '/assets/TOK/quote', '{"source":"USD","amount":9934.50234}');
    expect(quote.status).toBe(200);
    expect(quote.text).toContain('"amount":9934.50234,"quantity":993450234,');
    const quantity = /"quantity":(\d+)/.exec(quote.text)?.[1];

    const tok = await call(
      'POST',
      `/customers/${id}/wallet/adjustments`,
      `{"transaction_id":"9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a12","asset":"TOK","amount":${quantity},"reason":"external_topup"}`,
    );
    expect(tok.status).toBe(201);

    const wallet = await call('GET', `/customers/${id}/wallet`);
    expect(wallet.status).toBe(200);
    expect(wallet.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(wallet.text).toBe(
      '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":14.566678,"pending_in":0,"pending_out":0},' +
        '{"id":"default:TOK","name":"default","asset":"TOK","available":993450234,"pending_in":0,"pending_out":0}]}',
    );
  });
});
