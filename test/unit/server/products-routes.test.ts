import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from './app-fixture.js';

const PRICE =
  '{"name":"Input tokens","type":"usage_based","billing_model":{"type":"real_time"},' +
  '"usage_calculation":{"event_type":"response_completed","usage_type":"volume","volume_field":"input_tokens"},' +
  '"pricing":[{"asset":"USD","values":[{"volume_rate":1.25,"package_size":1000000}]}]}';

describe('product routes', () => {
  it('creates, versions, publishes and reads products', async () => {
    const { call } = testApp();
    const created = await call('POST', '/products', `{"code":"chat_api","name":"Chat API","prices":[${PRICE}]}`);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.text).toBe(`{"id":"${id}","code":"chat_api","version":1,"status":"draft","is_default":false}`);

    const published = await call('PATCH', `/products/${id}/1`, { publish: true });
    expect(published.status).toBe(200);
    expect(published.text).toBe(
      `{"version":1,"status":"published","is_default":true,"name":"Chat API","description":null,"prices":[${PRICE}],` +
        '"entitlements":[],"created_at":"2026-01-01T00:00:00.000Z","published_at":"2026-01-01T00:00:00.000Z"}',
    );
    const v2 = await call('POST', '/products/chat_api', `{"name":"Chat API v2","prices":[${PRICE}],"publish":true}`);
    expect(v2.status).toBe(201);
    expect(v2.body).toEqual({ id, code: 'chat_api', version: 2, status: 'published', is_default: false });

    const byCode = await call('GET', '/products?code=CHAT_API');
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({ id, code: 'chat_api', name: 'Chat API', default_version: 1 });
    expect(byCode.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await call('GET', `/products/${id}`)).text).toBe(byCode.text);
    expect((await call('GET', '/products/chat_api')).text).toBe(byCode.text);
    const list = await call('GET', '/products');
    expect(list.body).toMatchObject({ total_count: 1, limit: 20, offset: 0 });
    isProblem(await call('GET', '/products?code=nope'), 404, 'not_found');
    isProblem(await call('GET', '/products?code='), 422, 'validation_failed');
    isProblem(await call('GET', '/products/prp_missing'), 404, 'not_found');
  });

  it('answers problem+json for a taken code, bad prices and a draft made default', async () => {
    const { call } = testApp();
    const first = await call('POST', '/products', `{"code":"p","name":"P","prices":[${PRICE}]}`);
    const taken = isProblem(await call('POST', '/products', `{"code":"P","name":"P","prices":[${PRICE}]}`), 409, 'conflict');
    expect(taken.existing_id).toBe(first.body.id);

    const bad = PRICE.replace('"volume_rate":1.25', '"unit_price":-1').replace('"asset":"USD"', '"asset":"GEMS"');
    const problem = isProblem(await call('POST', '/products', `{"code":"q","name":"Q","prices":[${bad}]}`), 422, 'validation_failed');
    expect(problem.errors).toEqual({
      'prices[0].pricing[0].asset': ['prices[0].pricing[0].asset "GEMS" is neither a fiat currency nor a created asset'],
      'prices[0].pricing[0].values[0].unit_price': [
        'prices[0].pricing[0].values[0].unit_price must be greater than zero, got -1',
        'prices[0].pricing[0].values[0].unit_price does not apply to a volume price; give volume_rate (use unit_and_volume for both)',
      ],
      'prices[0].pricing[0].values[0].volume_rate': ['prices[0].pricing[0].values[0].volume_rate is required for a volume price'],
    });
    const draft = isProblem(await call('PATCH', `/products/${first.body.id}/1`, { make_default: true }), 422, 'validation_failed');
    expect(draft.errors).toEqual({ make_default: ['version 1 of p is a draft; publish it before making it the default'] });
    isProblem(await call('PATCH', `/products/${first.body.id}/2`, { publish: true }), 404, 'not_found');
  });

  it('simulates usage on a draft, digit for digit', async () => {
    const { call } = testApp();
    const { body } = await call('POST', '/products', `{"code":"chat_api","name":"Chat API","prices":[${PRICE}]}`);
    const sim = await call(
      'POST',
      '/products/chat_api/1/simulate-usage',
      '{"events":[{"event_type":"response_completed","data":{"input_tokens":1234}},' +
        '{"id":"0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90","event_type":"response_completed","data":{"input_tokens":1000000}}]}',
    );
    expect(sim.status).toBe(200);
    const fee = (amount: string, quantity: string) =>
      `{"product_id":"${body.id}","product_code":"chat_api","product_version":1,"price_name":"Input tokens","asset":"USD",` +
      `"amount":${amount},"account_id":"default:USD","dimensions":{},"quantity":${quantity}}`;
    expect(sim.text).toBe(
      `{"product_id":"${body.id}","version":1,"events":[{"event_type":"response_completed","fees":[${fee('0.001543', '1234')}]},` +
        `{"id":"0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90","event_type":"response_completed","fees":[${fee('1.25', '1000000')}]}],` +
        '"totals":[{"asset":"USD","amount":1.251543}]}',
    );
    isProblem(await call('POST', '/products/chat_api/default/simulate-usage', '{"events":[{"event_type":"x"}]}'), 404, 'not_found');
    const invalid = isProblem(await call('POST', '/products/chat_api/1/simulate-usage', '{"events":[{"event_type":"response_completed","data":{"input_tokens":"x"}}]}'), 422, 'validation_failed');
    expect(Object.keys(invalid.errors)).toEqual(['events[0].data.input_tokens']);
  });

  it('subscribes customers at creation and later', async () => {
    const { call } = testApp();
    const product = await call('POST', '/products', `{"code":"chat_api","name":"Chat API","prices":[${PRICE}],"publish":true}`);
    const customer = await call('POST', '/customers', { name: 'Ada', subscriptions: [{ products: [{ code: 'chat_api', version: 'default' }] }] });
    expect(customer.status).toBe(201);
    expect(customer.body.subscriptions).toEqual([
      { id: expect.stringMatching(/^sub_/), status: 'active', started_at: '2026-01-01T00:00:00.000Z', products: [{ id: product.body.id, code: 'chat_api', version: 1 }], required_actions: [] },
    ]);
    expect((await call('GET', `/customers/${customer.body.id}/wallet`)).text).toBe(
      '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":0,"pending_in":0,"pending_out":0}]}',
    );
    const other = await call('POST', '/customers', { name: 'Bob' });
    const sub = await call('POST', `/customers/${other.body.id}/subscriptions`, { products: [{ code: 'chat_api', version: 1 }] });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({ status: 'active', products: [{ code: 'chat_api', version: 1 }], required_actions: [] });
    isProblem(await call('POST', `/customers/${other.body.id}/subscriptions`, { products: [{ code: 'chat_api' }] }), 409, 'conflict');
    const unknown = isProblem(await call('POST', '/customers', { name: 'C', subscriptions: [{ products: [{ code: 'nope' }] }] }), 422, 'validation_failed');
    expect(unknown.errors).toEqual({ 'subscriptions[0].products[0].code': ['subscriptions[0].products[0].code "nope" is not a product'] });
    isProblem(await call('POST', '/customers/cust_missing/subscriptions', { products: [{ code: 'chat_api' }] }), 404, 'not_found');
  });
});
