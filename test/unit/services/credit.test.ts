import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredytClient } from '../../../src/client/client.js';
import { createHttpTransport, type HttpTransport } from '../../../src/client/http-transport.js';
import { Decimal } from '../../../src/money/decimal.js';
import { CONVERSION_METADATA, conversionMetadata, conversionPaid, reservedMetadataKey } from '../../../src/money/convert.js';
import { NothingToCredit, preparedNow, prepareCredit, signNeeded } from '../../../src/services/credit/request.js';
import { sendCredit, storedCredit } from '../../../src/services/credit/send.js';
import { testApp, type TestApp } from '../server/app-fixture.js';

/**
 * The credit service against the real engine behind its API on 127.0.0.1: one request
 * builder, one conversion and one replay rule for single and bulk top-ups and adjustments.
 */
let served: TestApp;
let transport: HttpTransport;
let client: CredytClient;
let customer: string;

beforeEach(async () => {
  served = testApp();
  // The engine's clock on ours: replay detection compares created_at with the request time.
  served.clock.set(new Date().toISOString());
  await served.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = served.app.server.address() as AddressInfo;
  transport = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
  client = new CredytClient({ transport });
  await client.createAsset({ code: 'TOK', name: 'Tokens', precision: 0, rates: [{ source: 'USD', inverse_rate: new Decimal(100) }] });
  customer = (await client.createCustomer({ name: 'Acme', external_id: 'acme' })).id;
});

afterEach(async () => {
  await transport.close();
  await served.app.close();
  served.engine.close();
});

const topUp = (amount: string, extra: Record<string, unknown> = {}) => ({
  transactionId: randomUUID(),
  amount: new Decimal(amount),
  currency: 'USD',
  asset: 'TOK',
  reason: 'external_topup',
  ...extra,
});

describe('prepareCredit', () => {
  it('converts a top-up at the quote of its amount and records the conversion beside the caller metadata', async () => {
    const { input, conversion } = await prepareCredit(client, topUp('1.239', { metadata: { order: '991' } }));
    expect(conversion.source).toBe('quote');
    expect(input.asset).toBe('TOK');
    expect(input.amount.toFixed()).toBe('123');
    expect(input.metadata).toEqual({ order: '991', source_amount: '1.239', source_currency: 'USD', exchange_rate: '100', rate_source: 'quote' });
  });

  it('converts an override rate with the engine rounding, down', async () => {
    const { input, conversion } = await prepareCredit(client, topUp('0.999', { rate: new Decimal('2.5') }));
    expect(conversion.source).toBe('override');
    expect(input.amount.toFixed()).toBe('2');
  });

  it('refuses a payment that buys nothing, naming what it would buy', async () => {
    const error = await prepareCredit(client, topUp('0.001')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NothingToCredit);
    expect((error as NothingToCredit).code).toBe('nothing_to_credit');
    expect((error as NothingToCredit).message).toBe('0.001 USD buys 0 TOK');
  });

  it('sends an adjustment as asked, asking the server nothing', async () => {
    const spec = { transactionId: randomUUID(), amount: new Decimal('-5'), asset: 'usd', reason: 'correction', metadata: { a: 'b' } };
    const silent = new CredytClient({ transport: { kind: 'http', request: () => Promise.reject(new Error('no request expected')), close: async () => {} } });
    const prepared = await prepareCredit(silent, spec);
    expect(prepared.conversion).toBeUndefined();
    expect(prepared.input).toMatchObject({ transaction_id: spec.transactionId, asset: 'usd', reason: 'correction', metadata: { a: 'b' } });
    expect(prepared.input.amount.toFixed()).toBe('-5');
  });

  it('prepares a same-currency top-up or an adjustment at once, without a promise; another asset waits for the API', async () => {
    const same = preparedNow(topUp('2.50', { asset: 'usd', metadata: { order: '7' } }));
    expect(same).not.toBeInstanceOf(Promise);
    expect(same?.conversion?.source).toBe('same-asset');
    expect(same?.input.metadata).toEqual({ order: '7', source_amount: '2.5', source_currency: 'USD', exchange_rate: '1', rate_source: 'same-asset' });
    // The same adjustment request as the awaited path builds.
    expect(same).toEqual(await prepareCredit(client, topUp('2.50', { asset: 'usd', metadata: { order: '7' }, transactionId: same!.input.transaction_id })));
    expect(preparedNow({ transactionId: randomUUID(), amount: new Decimal(3), asset: 'TOK', reason: 'gift' })?.input.asset).toBe('TOK');
    expect(preparedNow(topUp('1'))).toBeUndefined();
    expect(() => preparedNow(topUp('1', { asset: 'USD', rate: new Decimal(2) }))).toThrow('rate must be 1');
  });
});

describe('sendCredit', () => {
  it('tells a new credit from a replay of the same transaction', async () => {
    const { input } = await prepareCredit(client, topUp('1'));
    // The test clock stands still: set it to now, or a slow setup makes the answer's
    // created_at look older than the request, which is how a replay reads.
    served.clock.set(new Date().toISOString());
    const first = await sendCredit(client, customer, input, true);
    const again = await sendCredit(client, customer, input, false);
    expect([first.status, again.status]).toEqual(['accepted', 'duplicate']);
    expect(again.adjustment.transaction_id).toBe(input.transaction_id);
  });

  it('calls the same payment quoted after a rate change a duplicate, and reads what it credited then', async () => {
    const spec = topUp('2');
    const before = await prepareCredit(client, spec);
    await sendCredit(client, customer, before.input, true);
    served.clock.advance(1000);
    await client.addRate('TOK', { source: 'USD', inverse_rate: new Decimal(300) });
    const after = await prepareCredit(client, spec);
    expect(after.input.amount.toFixed()).toBe('600');
    const sent = await sendCredit(client, customer, after.input, false);
    expect(sent).toMatchObject({ status: 'duplicate', rerated: true });
    const credited = storedCredit(sent.adjustment, { asset: 'TOK', amount: after.input.amount, exchangeRate: after.conversion.exchangeRate });
    expect([credited.amount.toFixed(), credited.exchangeRate?.toFixed()]).toEqual(['200', '100']);
  });

  it('refuses the same transaction id reused for another adjustment (exit 5)', async () => {
    const spec = { transactionId: randomUUID(), amount: new Decimal(5), asset: 'TOK', reason: 'gift' };
    await sendCredit(client, customer, (await prepareCredit(client, spec)).input, true);
    const other = (await prepareCredit(client, { ...spec, amount: new Decimal(6) })).input;
    await expect(sendCredit(client, customer, other, true)).rejects.toMatchObject({ status: 409, exitCode: 5 });
  });
});

describe('credit rules shared by the CLI and the engine', () => {
  it('reserves exactly the keys a conversion records, and reads back what was paid', () => {
    const written = conversionMetadata({ amount: new Decimal('12.50'), currency: 'EUR' }, new Decimal('0.5'), 'override');
    expect(Object.keys(written)).toEqual([...CONVERSION_METADATA]);
    expect(reservedMetadataKey({ order: '1', ...written })).toBe('source_amount');
    expect(reservedMetadataKey({ order: '1' })).toBeUndefined();
    const paid = conversionPaid(written);
    expect([paid.amount?.toFixed(), paid.currency]).toEqual(['12.5', 'EUR']);
    expect(conversionPaid({ source_amount: 'ten', source_currency: 7 })).toEqual({ amount: undefined, currency: undefined });
  });

  it('knows the sign of each embedded reason and no other', () => {
    expect(signNeeded('gift', new Decimal(-1))).toBe('positive');
    expect(signNeeded('charge', new Decimal(1))).toBe('negative');
    expect(signNeeded('correction', new Decimal(-1))).toBeUndefined();
    expect(signNeeded('__proto__', new Decimal(-1))).toBeUndefined();
    expect(signNeeded('gift', new Decimal(1))).toBeUndefined();
  });
});
