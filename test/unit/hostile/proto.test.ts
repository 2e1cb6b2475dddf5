import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isProblem, testApp } from '../server/app-fixture.js';
import { openInput } from '../../../src/pipeline/input.js';
import { fieldArg, fieldsToBody } from '../../../src/commands/api/fields.js';
import { stringifyJson } from '../../../src/json/write.js';

describe('__proto__ and constructor members are data', () => {
  it('are kept in metadata and event data, and read back', async () => {
    const t = testApp();
    const created = await t.call('POST', '/customers', '{"name":"P","external_id":"p","metadata":{"__proto__":"x","constructor":"y","a":"1"}}');
    expect(created.status).toBe(201);
    expect(created.text).toContain('"metadata":{"__proto__":"x","constructor":"y","a":"1"}');
    expect((await t.call('GET', `/customers/${created.body.id}`)).text).toContain('"metadata":{"__proto__":"x","constructor":"y","a":"1"}');

    const id = randomUUID();
    const event = `{"customer_external_id":"p","events":[{"id":"${id}","event_type":"x","data":{"__proto__":{"polluted":1},"constructor":2}}]}`;
    expect((await t.call('POST', '/events', event)).status).toBe(201);
    expect((await t.call('GET', `/events/${id}`)).text).toContain('"data":{"__proto__":{"polluted":1},"constructor":2}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('make a different request: a replayed transaction id with one more __proto__ key is a conflict, not a duplicate', async () => {
    const t = testApp();
    const customer = (await t.call('POST', '/customers', { name: 'P' })).body.id as string;
    const tx = randomUUID();
    const body = (extra: string) =>
      `{"transaction_id":"${tx}","asset":"USD","amount":5,"reason":"external_topup","metadata":{"note":"a"${extra}}}`;
    const url = `/customers/${customer}/wallet/adjustments`;
    expect((await t.call('POST', url, body(''))).status).toBe(201);
    isProblem(await t.call('POST', url, body(',"__proto__":"b"')), 409, 'idempotency_conflict');
    expect((await t.call('POST', url, body(''))).status).toBe(201);
  });

  it('a CSV column named __proto__ is read as a field', async () => {
    const input = await openInput('-', Readable.from(['customer_id,__proto__,constructor\nc1,x,y\n']) as unknown as NodeJS.ReadableStream, 'csv');
    const records = [];
    for await (const record of input.records()) records.push(record);
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0].value!)).toEqual(['customer_id', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(records[0].value!, '__proto__')?.value).toBe('x');
  });

  it('credyt api -f __proto__[x]=1 sends the member and pollutes nothing', () => {
    const body = fieldsToBody(fieldArg('__proto__[polluted]=1', fieldArg('metadata[__proto__]=v')));
    expect(stringifyJson(body)).toBe('{"metadata":{"__proto__":"v"},"__proto__":{"polluted":1}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
